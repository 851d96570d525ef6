import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chart, manifests, root, run, type Manifest } from '../../helm/tools.js';

interface KeyRef {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}
interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef } & Record<string, unknown>;
}
interface EnvFromSource {
  readonly prefix?: string;
  readonly configMapRef?: { name: string; optional?: boolean };
  readonly secretRef?: { name: string; optional?: boolean };
}
interface HttpProbe {
  readonly httpGet: { path: string; port: string | number; scheme?: string };
  readonly periodSeconds: number;
  readonly failureThreshold: number;
}
interface Container {
  readonly name: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly workingDir?: string;
  readonly env?: EnvVar[];
  readonly envFrom?: EnvFromSource[];
  readonly ports?: { name?: string; containerPort: number }[];
  readonly startupProbe: HttpProbe;
  readonly livenessProbe: HttpProbe;
  readonly readinessProbe: HttpProbe;
  readonly lifecycle?: { preStop?: { sleep?: { seconds: number } } };
}
interface PodSpec {
  readonly terminationGracePeriodSeconds: number;
  readonly containers: Container[];
}

export interface Probe {
  readonly path: string;
  readonly port: number;
  /** How long the kubelet keeps trying before it acts: periodSeconds × failureThreshold. */
  readonly budgetMs: number;
}

/** What the kubelet would run for the bridge container, taken from the rendered chart and the image. */
export interface RenderedContainer {
  /** The container's environment: image ENV, then envFrom, then env (Kubernetes' precedence). */
  readonly env: Readonly<Record<string, string>>;
  /** Names the chart itself sets (envFrom and env), without the image's ENV. */
  readonly chartEnvNames: readonly string[];
  /** Entrypoint and arguments: the container's command/args over the image's ENTRYPOINT/CMD. */
  readonly argv: readonly string[];
  readonly workingDir: string;
  readonly ports: ReadonlyMap<string, number>;
  readonly probes: { readonly startup: Probe; readonly liveness: Probe; readonly readiness: Probe };
  readonly terminationGracePeriodSeconds: number;
  readonly preStopSleepSeconds: number;
}

/** `helm template` of the chart with a values file and per-run values; throws with helm's message. */
export function renderChart(valuesFile: string, setJson: Record<string, unknown>): Manifest[] {
  const args = ['template', 'r', chart, '--namespace', 'ns', '--kube-version', '1.37.0', '-f', valuesFile];
  for (const [path, value] of Object.entries(setJson))
    args.push('--set-json', `${path}=${JSON.stringify(value)}`);
  const result = run('helm', args);
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.output}`);
  return manifests(result.output);
}

/** The bridge container of the rendered Deployment, resolved against the rendered ConfigMaps and Secrets. */
export function bridgeContainer(objects: readonly Manifest[]): RenderedContainer {
  const deployment = only(objects, 'Deployment');
  const pod = (deployment['spec'] as { template: { spec: PodSpec } }).template.spec;
  const container = pod.containers.find((c) => c.name === 'bridge');
  if (!container) throw new Error('the Deployment has no container named bridge');
  const image = runtimeImage();
  const chartEnv = containerEnv(container, objects);
  const ports = new Map(
    (container.ports ?? []).map((p) => [p.name ?? String(p.containerPort), p.containerPort]),
  );
  const probe = (p: HttpProbe): Probe => {
    if ((p.httpGet.scheme ?? 'HTTP') !== 'HTTP')
      throw new Error(`probe scheme ${p.httpGet.scheme} unsupported`);
    const port = typeof p.httpGet.port === 'number' ? p.httpGet.port : ports.get(p.httpGet.port);
    if (port === undefined) throw new Error(`probe port ${p.httpGet.port} is no container port`);
    return { path: p.httpGet.path, port, budgetMs: p.periodSeconds * p.failureThreshold * 1000 };
  };
  return {
    env: { ...image.env, ...chartEnv },
    chartEnvNames: Object.keys(chartEnv),
    // Kubernetes: command replaces ENTRYPOINT (and drops CMD); args alone replace CMD.
    argv: container.command
      ? [...container.command, ...(container.args ?? [])]
      : [...image.entrypoint, ...(container.args ?? image.cmd)],
    workingDir: container.workingDir ?? image.workdir,
    ports,
    probes: {
      startup: probe(container.startupProbe),
      liveness: probe(container.livenessProbe),
      readiness: probe(container.readinessProbe),
    },
    terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds,
    preStopSleepSeconds: container.lifecycle?.preStop?.sleep?.seconds ?? 0,
  };
}

function only(objects: readonly Manifest[], kind: string, name?: string): Manifest {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1)
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, rendered ${found.length}`);
  return found[0] as Manifest;
}

/** data of a rendered ConfigMap, or of a Secret decoded (stringData over data, as the API server does). */
function dataOf(
  objects: readonly Manifest[],
  kind: 'ConfigMap' | 'Secret',
  name: string,
): Record<string, string> {
  const object = only(objects, kind, name);
  const data = (object['data'] ?? {}) as Record<string, string>;
  if (kind === 'ConfigMap') return data;
  const decoded = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]),
  );
  return { ...decoded, ...((object['stringData'] ?? {}) as Record<string, string>) };
}

/**
 * Kubernetes' rules: envFrom sources in order, then env entries, later names winning. A reference to a
 * missing object or key fails, as the kubelet refuses to start such a container (unless `optional`).
 */
function containerEnv(container: Container, objects: readonly Manifest[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    if (!ref) throw new Error(`unsupported envFrom source ${JSON.stringify(source)}`);
    const data = dataOf(objects, source.configMapRef ? 'ConfigMap' : 'Secret', ref.name);
    for (const [key, value] of Object.entries(data)) env[`${source.prefix ?? ''}${key}`] = value;
  }
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) {
      if (entry.value.includes('$(')) throw new Error(`${entry.name}: $(VAR) expansion is not modelled here`);
      env[entry.name] = entry.value;
      continue;
    }
    const { configMapKeyRef, secretKeyRef } = entry.valueFrom ?? {};
    const ref = configMapKeyRef ?? secretKeyRef;
    if (!ref) throw new Error(`${entry.name}: unsupported valueFrom ${JSON.stringify(entry.valueFrom)}`);
    const value = dataOf(objects, configMapKeyRef ? 'ConfigMap' : 'Secret', ref.name)[ref.key];
    if (value === undefined && !ref.optional)
      throw new Error(`${entry.name}: ${ref.name} has no key ${ref.key}`);
    if (value !== undefined) env[entry.name] = value;
  }
  return env;
}

/**
 * The runtime stage of the Dockerfile (the last FROM): what the container runs when the chart sets no
 * command. The image's node binary is this process's node; its WORKDIR holds what the repository root holds
 * after `npm run build` (dist/src, node_modules, package.json, schemas).
 */
function runtimeImage(): {
  env: Record<string, string>;
  entrypoint: string[];
  cmd: string[];
  workdir: string;
} {
  const lines = readFileSync(join(root, 'Dockerfile'), 'utf8').split('\n');
  const stage = lines.slice(lines.findLastIndex((line) => /^FROM\s/i.test(line)));
  const image = {
    env: {} as Record<string, string>,
    entrypoint: [] as string[],
    cmd: [] as string[],
    workdir: '/',
  };
  for (const line of stage) {
    const [, instruction = '', rest = ''] = /^(\w+)\s+(.*)$/.exec(line.trim()) ?? [];
    if (instruction === 'ENV') {
      for (const [, name = '', value = ''] of rest.matchAll(/(\w+)=(\S+)/g)) image.env[name] = value;
    }
    if (instruction === 'WORKDIR') image.workdir = rest;
    if (instruction === 'ENTRYPOINT') image.entrypoint = JSON.parse(rest) as string[];
    if (instruction === 'CMD') image.cmd = JSON.parse(rest) as string[];
  }
  if (image.entrypoint.length === 0 && image.cmd.length === 0)
    throw new Error('the Dockerfile names no command');
  return image;
}
