import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { silentLogger } from '../../../../src/logger.js';
import { openSpool } from '../../../../src/spool/spool.js';
import { kafkaBrokers } from '../../kafka-harness.js';
import { TEST_SDKAPPID, TEST_TOKEN } from '../../support/bridge-harness.js';
import { freePort } from '../../support/free-port.js';
import { sleep } from './load.js';

const root = resolve(import.meta.dirname, '../../../..');
const spawned: BridgeProcess[] = [];
const spoolDirs: string[] = [];

/** The bridge as its own process (src/main.ts through tsx), so that it can be SIGKILLed and SIGTERMed. */
export interface BridgeProcess {
  readonly url: string;
  readonly pid: number;
  /** Settles when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(signal: 'SIGKILL' | 'SIGTERM'): void;
  /** The end of what the bridge logged (stdout and stderr), for failure messages. */
  logTail(lines?: number): string;
}

/** The settings of a fault-test bridge: the test broker and topic, a spool folder, a free port. */
export async function bridgeEnv(
  topic: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const spoolDir = mkdtempSync(join(tmpdir(), 'fault-spool-'));
  spoolDirs.push(spoolDir);
  return {
    BRIDGE_KAFKA_BROKERS: kafkaBrokers().join(','),
    BRIDGE_KAFKA_TOPIC: topic,
    BRIDGE_DLQ_TOPIC: `${topic}-dlq`,
    BRIDGE_TENCENT_TOKEN: TEST_TOKEN,
    BRIDGE_TENCENT_SDKAPPIDS: TEST_SDKAPPID,
    BRIDGE_HTTP_HOST: '127.0.0.1',
    BRIDGE_HTTP_PORT: String(await freePort()),
    BRIDGE_SPOOL_ENABLED: 'true',
    BRIDGE_SPOOL_DIR: spoolDir,
    BRIDGE_SHUTDOWN_DELAY_MS: '0',
    BRIDGE_SHUTDOWN_TIMEOUT_MS: '5000',
    BRIDGE_LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Starts the bridge with exactly these settings (no inherited BRIDGE_*) and waits until /readyz is 200. */
export async function spawnBridge(
  env: Record<string, string>,
  readyTimeoutMs = 30_000,
): Promise<BridgeProcess> {
  const logFile = join(env['BRIDGE_SPOOL_DIR'] ?? tmpdir(), `bridge-${Date.now()}.log`);
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  const url = `http://127.0.0.1:${env['BRIDGE_HTTP_PORT'] ?? ''}`;
  const bridge: BridgeProcess = {
    url,
    pid: child.pid ?? -1,
    exited,
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    logTail(lines = 30) {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    },
  };
  spawned.push(bridge);
  const ready = await Promise.race([
    waitFor(async () => (await probe(`${url}/readyz`)) === 200, readyTimeoutMs),
    exited.then(() => false),
  ]);
  if (!ready) {
    bridge.signal('SIGKILL');
    throw new Error(`the bridge did not become ready within ${readyTimeoutMs} ms:\n${bridge.logTail()}`);
  }
  return bridge;
}

/** For afterAll: SIGKILLs every bridge still running and removes the spool folders (and logs). */
export async function cleanUpBridges(): Promise<void> {
  for (const bridge of spawned.splice(0)) {
    bridge.signal('SIGKILL');
    await bridge.exited;
  }
  for (const dir of spoolDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** For onTestFailed: the end of every bridge's log in the test output. */
export function printBridgeLogs(): void {
  for (const bridge of spawned) console.log(`[fault] log of bridge ${bridge.pid}:\n${bridge.logTail()}`);
}

/**
 * HTTP status of a GET on a connection of its own, as a kubelet or load balancer probes (a kept-alive
 * connection could still be served after the server stopped accepting), or 'refused' when nothing answers.
 */
export function probe(url: string): Promise<number | 'refused'> {
  return new Promise((resolveStatus) => {
    const request = get(url, { agent: false, timeout: 2000 }, (response) => {
      response.resume();
      resolveStatus(response.statusCode ?? 'refused');
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolveStatus('refused'));
  });
}

/** The sum of every series of a metric on /metrics (e.g. bridge_spooled_total over all reasons); 0 before any. */
export async function metricValue(url: string, name: string): Promise<number> {
  const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2000) });
  const text = await response.text();
  const series = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))];
  if (!text.includes(`# TYPE ${name} `)) throw new Error(`${name} is not on /metrics`);
  return series.reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Events still waiting in the spool (the bridge_spool_records gauge). */
export function spoolRecords(url: string): Promise<number> {
  return metricValue(url, 'bridge_spool_records');
}

/** Polls until the spool is empty: everything the bridge accepted has been acknowledged by Kafka. */
export async function waitSpoolDrained(url: string, timeoutMs: number): Promise<void> {
  const drained = await waitFor(async () => (await spoolRecords(url)) === 0, timeoutMs);
  if (!drained)
    throw new Error(`the spool still holds ${await spoolRecords(url)} records after ${timeoutMs} ms`);
}

/** SIGTERMs the bridge and waits for it to exit; SIGKILLs it if it takes longer than `timeoutMs`. */
export async function stopBridge(bridge: BridgeProcess, timeoutMs = 15_000): Promise<void> {
  bridge.signal('SIGTERM');
  const timer = setTimeout(() => bridge.signal('SIGKILL'), timeoutMs);
  await bridge.exited;
  clearTimeout(timer);
}

/** Polls `check` every 100 ms; resolves true once it holds, false when the deadline passed. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

/** Records left in a stopped bridge's spool folder (read from the file, as the next start would). */
export async function spooledOnDisk(spoolDir: string): Promise<number> {
  const spool = openSpool({ path: join(spoolDir, 'spool.sqlite'), maxBytes: Infinity, logger: silentLogger });
  const { records } = spool.depth();
  await spool.close();
  return records;
}
