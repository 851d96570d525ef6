import { mkdirSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bridgeEntry } from './built-bridge.js';
import { bridgeEnv } from './bridge-env.js';
import { describeBridgeMetrics, scrapeBridgeMetrics } from './bridge-metrics.js';
import {
  BENCH_BROKERS,
  brokerPid,
  EVENTS_TOPIC,
  NAIVE_TOPIC,
  recordsOn,
  startBroker,
  warmBroker,
  stopBroker,
} from './broker.js';
import { createCallbackSource } from './callbacks.js';
import { cpuSecondsOf, killAllServers, startServer, type RunningServer, type ServerSpec } from './child.js';
import { saturate, type LoadResult } from './load.js';
import { pacedLoad } from './paced-load.js';
import { benchmarkPipeline } from './pipeline.js';
import { printPipeline, printTable, printTargets, type Row } from './report.js';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONNECTIONS = number('BENCH_CONNECTIONS', 64);
const DURATION_S = number('BENCH_DURATION_S', 10);
const WARMUP_S = number('BENCH_WARMUP_S', 2);
const BROKER_WARMUP_S = number('BENCH_BROKER_WARMUP_S', 30);
/** Everything (broker start included) must be over by then; the run is then abandoned and cleaned up. */
const DEADLINE_S = number('BENCH_DEADLINE_S', 900);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const workDir = mkdtempSync(join(tmpdir(), 'bridge-bench-'));
const profileDir = process.env['BENCH_PROFILE'] ? join(workDir, 'profiles') : undefined;
if (profileDir !== undefined) mkdirSync(profileDir);
const next = createCallbackSource();
const notes: string[] = [];
const load = { connections: CONNECTIONS, durationS: DURATION_S };
const bridgeMain = bridgeEntry();
notes.push(bridgeMain.note);

const specs = {
  baseline: { name: 'baseline', script: here('./servers/baseline.ts'), env: {} },
  naive: {
    name: 'naive',
    script: here('./servers/naive-bridge.ts'),
    env: { BENCH_KAFKA: BENCH_BROKERS, BENCH_NAIVE_TOPIC: NAIVE_TOPIC },
  },
  bridge: {
    name: 'bridge',
    script: bridgeMain.script,
    env: bridgeEnv(join(workDir, 'spool-kafka')),
    isBridge: true,
  },
  spool: {
    name: 'spool',
    label: 'spool (Kafka stopped)',
    script: bridgeMain.script,
    env: bridgeEnv(join(workDir, 'spool-down')),
    isBridge: true,
  },
} satisfies Record<string, ServerSpec & { readonly isBridge?: boolean }>;

function cleanUp(): void {
  killAllServers();
  stopBroker();
}

async function measure(
  system: string,
  server: RunningServer,
  run: () => Promise<LoadResult>,
  topic?: string,
): Promise<Row> {
  const broker = brokerPid();
  const before = {
    records: topic === undefined ? NaN : await recordsOn(topic),
    server: server.cpuSeconds(),
    gen: process.cpuUsage(),
    broker: broker === undefined ? NaN : cpuSecondsOf(broker),
    at: performance.now(),
  };
  const result = await run();
  const seconds = (performance.now() - before.at) / 1000;
  const gen = process.cpuUsage(before.gen);
  const percent = (cpu: number) => (100 * cpu) / seconds;
  return {
    system,
    load: result,
    rssMb: server.peakRssMb(),
    startRssMb: server.startRssMb,
    serverCpu: percent(server.cpuSeconds() - before.server),
    loadGenCpu: percent((gen.user + gen.system) / 1e6),
    brokerCpu: broker === undefined ? NaN : percent(cpuSecondsOf(broker) - before.broker),
    records: topic === undefined ? NaN : (await recordsOn(topic)) - before.records,
  };
}

/** Starts the server, warms it up, then saturates it; `more` runs further measurements on the same process. */
async function saturated(
  spec: ServerSpec & { readonly isBridge?: boolean },
  topic?: string,
  more?: (server: RunningServer, row: Row) => Promise<Row>,
) {
  console.error(`bench: ${spec.name}`);
  const server = await startServer(spec, { logDir: workDir, profileDir });
  try {
    await saturate(server.url, next, { connections: CONNECTIONS, durationS: WARMUP_S });
    const row = await measure(spec.label ?? spec.name, server, () => saturate(server.url, next, load), topic);
    const rows = [row, ...(more === undefined ? [] : [await more(server, row)])];
    if (spec.isBridge === true)
      notes.push(describeBridgeMetrics(spec.name, await scrapeBridgeMetrics(server.url)));
    return rows;
  } finally {
    await server.stop();
  }
}

/** Open-loop load at `rate` after a warm-up at that rate (sockets open, code hot), which is not counted. */
async function paced(url: string, rate: number): Promise<LoadResult> {
  await pacedLoad(url, next, { connections: CONNECTIONS, durationS: WARMUP_S, rate });
  return pacedLoad(url, next, { ...load, rate });
}

async function main(): Promise<void> {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; work dir ${workDir}`,
  );
  console.error('bench: pipeline micro benchmark');
  const pipeline = benchmarkPipeline();
  console.error(`bench: starting the bench broker on ${BENCH_BROKERS}`);
  await startBroker();
  console.error('bench: warming the broker up');
  await warmBroker(BROKER_WARMUP_S);
  let halfRate = 0;
  const [bridge, bridgeHalf] = await saturated(specs.bridge, EVENTS_TOPIC, (server, row) => {
    halfRate = Math.max(1, Math.round(row.load.rps / 2));
    return measure('bridge @ half load', server, () => paced(server.url, halfRate), EVENTS_TOPIC);
  });
  // The same fixed rate against the bare HTTP stack: the latency this machine adds on its own.
  const [baseline, baselineHalf] = await saturated(specs.baseline, undefined, (server) =>
    measure('baseline @ same rate', server, () => paced(server.url, halfRate)),
  );
  const [naive] = await saturated(specs.naive, NAIVE_TOPIC);
  console.error('bench: stopping the broker for the spool path');
  stopBroker();
  const [spool] = await saturated(specs.spool);
  if (!baseline || !baselineHalf || !naive || !bridge || !bridgeHalf || !spool)
    throw new Error('a measurement is missing');
  console.log(
    `\n${CONNECTIONS} connections, ${DURATION_S} s per run after a ${WARMUP_S} s warm-up; load average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  printTable([baseline, baselineHalf, naive, bridge, bridgeHalf, spool]);
  for (const note of notes) console.log(note);
  printPipeline(pipeline);
  if (profileDir !== undefined) console.log(`CPU profiles (.cpuprofile) in ${profileDir}`);
  const json = printTargets({ baseline, baselineHalf, naive, bridge, bridgeHalf, spool, pipeline });
  console.log(JSON.stringify(json));
}

const deadline = setTimeout(() => {
  console.error(`bench: not finished within ${DEADLINE_S} s; giving up`);
  cleanUp();
  process.exit(1);
}, DEADLINE_S * 1000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
  cleanUp();
}
