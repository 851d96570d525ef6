// Where the time goes in a V8 CPU profile (node --cpu-prof; `BENCH_PROFILE=1 npm run bench` writes one per
// server): self time by package or source folder, and the hottest functions.
//
//   tsx bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** node_modules/<package>, src/<folder>, node:<module>, or V8's own buckets ((garbage collector), …). */
export function categoryOf(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg?.[1] !== undefined) return pkg[1];
  const src = /\/(src|bench|test)\/(?:([^/]+)\/)?/.exec(url);
  if (src?.[1] !== undefined)
    return src[2] === undefined || src[2].endsWith('.ts') ? src[1] : `${src[1]}/${src[2]}`;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?([^/]+).*$/, 'node:$2');
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  return url;
}

export function summarize(profile: Profile): {
  totalMs: number;
  categories: [string, number][];
  functions: [string, number][];
} {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    if (node === undefined) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const category = categoryOf(url, functionName);
    const name = `${functionName || '(anonymous)'} ${url === '' ? '' : `${shortUrl(url)}:${lineNumber + 1}`}`;
    totalMs += ms;
    categories.set(category, (categories.get(category) ?? 0) + ms);
    functions.set(name, (functions.get(name) ?? 0) + ms);
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { totalMs, categories: sorted(categories), functions: sorted(functions) };
}

function shortUrl(url: string): string {
  const pkg = url.lastIndexOf('node_modules/');
  if (pkg >= 0) return url.slice(pkg + 'node_modules/'.length);
  return url.replace(/^.*\/(src|bench|test)\//, '$1/');
}

function main(): void {
  const [file, topText] = process.argv.slice(2);
  if (file === undefined) {
    console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(64);
  }
  const top = Number(topText ?? 25);
  const { totalMs, categories, functions } = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const idleMs = categories.find(([name]) => name === '(idle)')?.[1] ?? 0;
  const busyMs = totalMs - idleMs;
  const line = ([name, ms]: [string, number]) =>
    `  ${((100 * ms) / busyMs).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${name}`;
  console.log(
    `${file}: ${totalMs.toFixed(0)} ms sampled, ${busyMs.toFixed(0)} ms not idle (percentages of that)`,
  );
  console.log('self time by package / folder:');
  for (const entry of categories.filter(([name]) => name !== '(idle)').slice(0, top))
    console.log(line(entry));
  console.log('hottest functions (self time):');
  for (const entry of functions.filter(([name]) => !name.startsWith('(idle)')).slice(0, top))
    console.log(line(entry));
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) main();
