import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Repository root, chart folder and the tools that `bash scripts/install-tools.sh` puts in .tools/. */
export const root = resolve(import.meta.dirname, '../..');
export const chart = join(root, 'helm/tencent-im-kafka-bridge');
export const schemas = join(root, '.tools/kubernetes-json-schema');
export const scenarios = readdirSync(join(chart, 'ci'))
  .filter((f) => f.endsWith('-values.yaml'))
  .sort();
/** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and a current one. */
export const kubeVersions = ['1.30.0', '1.37.0'] as const;

/** Absolute path of a tool in .tools/bin; throws (never skips) when it is missing. */
export function tool(name: string): string {
  const path = join(root, '.tools/bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`bash scripts/install-tools.sh\``);
  return path;
}

export interface Run {
  status: number;
  output: string;
}

/** Runs a tool to completion; never throws for a non-zero exit, so callers can assert on both. */
export function run(name: string, args: string[], input?: string): Run {
  try {
    const output = execFileSync(tool(name), args, {
      cwd: root,
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status?: number | null; stdout?: string; stderr?: string };
    return { status: e.status ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** `helm template` of the chart; throws with helm's message when rendering fails. */
export function render(
  options: { values?: string[]; set?: string[]; kube?: string; apis?: string[] } = {},
): string {
  const args = ['template', 'r', chart, '--namespace', 'ns', '--kube-version', options.kube ?? '1.37.0'];
  for (const file of options.values ?? []) args.push('-f', join(chart, 'ci', file));
  for (const pair of options.set ?? []) args.push('--set', pair);
  for (const api of options.apis ?? []) args.push('--api-versions', api);
  const result = run('helm', args);
  if (result.status !== 0) throw new Error(result.output);
  return result.output;
}

export type Manifest = Record<string, unknown> & { kind: string; metadata: { name: string } };

export function manifests(rendered: string): Manifest[] {
  return parseAllDocuments(rendered)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}
