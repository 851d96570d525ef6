import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILT = join(ROOT, 'dist/src/main.js');
const SOURCE = join(ROOT, 'src/main.ts');
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

const mtimeOf = (path: string) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Number.NaN;

/** The built entry point is at least as new as every source file and build setting it comes from. */
function isCurrent(): boolean {
  const built = mtimeOf(BUILT);
  if (Number.isNaN(built)) return false;
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).map((file) =>
    join(ROOT, 'src', file),
  );
  return [...sources, ...INPUTS.map((file) => join(ROOT, file))].every((file) => !(mtimeOf(file) > built));
}

/**
 * The bridge's entry point for the bench: `dist/src/main.js` run with plain node (as shipped, and without
 * the loader's memory in its RSS), built first with `npm run build` when it is older than `src/`. Falls back
 * to `src/main.ts` under tsx when the build fails (e.g. someone else's work in progress does not compile).
 */
export function bridgeEntry(): { readonly script: string; readonly note: string } {
  if (!isCurrent()) {
    console.error('bench: dist/ is older than src/; npm run build');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (build.status !== 0 || !isCurrent())
      return { script: SOURCE, note: 'bridge ran under tsx: npm run build failed' };
  }
  return { script: BUILT, note: 'bridge ran with node from dist/src/main.js' };
}
