import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** A system under test, in a child process of its own. */
export interface ServerSpec {
  /** Names its log file and profile folder. */
  readonly name: string;
  /** Its row in the table; default `name`. */
  readonly label?: string;
  /** The entry point: `.js` runs with plain node, `.ts` with tsx. */
  readonly script: string;
  readonly env: Record<string, string>;
}

export interface RunningServer {
  readonly url: string;
  readonly pid: number;
  /** Resident set size once ready, before any load, in MB. */
  readonly startRssMb: number;
  /** Highest resident set size seen so far (VmHWM: the kernel's own peak), in MB. */
  peakRssMb(): number;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  /** SIGTERM (a graceful exit writes --cpu-prof profiles), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const children = new Set<ChildProcess>();

/** This environment without BRIDGE_ settings: each server gets exactly the settings of its spec. */
function inherited(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('BRIDGE_')));
}

/** Kills every server still running: for exit paths (signals, errors, the global deadline). */
export function killAllServers(): void {
  for (const child of children) child.kill('SIGKILL');
}

/**
 * Starts `spec` on a free loopback port (env PORT and BRIDGE_HTTP_PORT), output to `<logDir>/<name>.log`,
 * and waits until GET /readyz answers 200. `profileDir` adds --cpu-prof.
 */
export async function startServer(
  spec: ServerSpec,
  dirs: { readonly logDir: string; readonly profileDir?: string | undefined },
): Promise<RunningServer> {
  const port = await freePort();
  const log = openSync(join(dirs.logDir, `${spec.name}.log`), 'a');
  const profile =
    dirs.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(dirs.profileDir, spec.name)}`];
  const loader = spec.script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, ...profile, spec.script], {
    cwd: ROOT,
    env: { ...inherited(), ...spec.env, PORT: String(port), BRIDGE_HTTP_PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  const pid = child.pid ?? -1;
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, () => child.exitCode !== null || child.signalCode !== null, spec.name);
  const rssMb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(procRead(pid, 'status'))?.[1] ?? NaN) / 1024;
  return {
    url,
    pid,
    startRssMb: rssMb('VmRSS'),
    peakRssMb: () => rssMb('VmHWM'),
    cpuSeconds: () => cpuSecondsOf(pid),
    async stop(graceMs = 15_000) {
      child.kill('SIGTERM');
      const killed = sleep(graceMs).then(() => child.kill('SIGKILL'));
      await Promise.race([exited, killed]);
      await exited;
    },
  };
}

/** utime + stime of a process from /proc/<pid>/stat (clock ticks of 1/100 s on Linux). */
export function cpuSecondsOf(pid: number): number {
  const stat = procRead(pid, 'stat');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function procRead(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

async function waitReady(url: string, hasExited: () => boolean, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error(`${name} exited while starting (see its log)`);
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} was not ready within 60 s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
