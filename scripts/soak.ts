// Soak: the real bridge, in process, against a real broker, under N mixed valid and hostile signed callbacks
// (npm run soak -- --requests 100000 [--concurrency 64] [--max-heap-growth-mib 32]). Prints requests/s,
// status counts, latency and memory (RSS and heap at start, after warm-up, peak, after a GC), and exits
// non-zero on any 5xx, any request without an answer, or heap growth past the bound. Broker: BRIDGE_KAFKA_BROKERS,
// or the local one of scripts/kafka-local.sh, started (and stopped again) when not running.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBridge } from '../src/bridge.js';
import { loadSettings } from '../src/config/load-config.js';
import { silentLogger } from '../src/logger.js';
import { postRaw, signedQuery } from '../test/unit/hostile/hostile-app.js';
import { docExample, hostileInputs, type HostileInput } from '../test/unit/hostile/hostile-inputs.js';

const TOKEN = 'soak-token';
const SDKAPPID = '1400000001';
const MIB = 1024 * 1024;

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '64' },
    'valid-share': { type: 'string', default: '0.7' },
    // 32 MiB over 100,000 requests is ~330 bytes each: a per-request leak of any size shows above it.
    'max-heap-growth-mib': { type: 'string', default: '32' },
  },
});
const total = Number(args.requests);
const concurrency = Number(args.concurrency);
const validShare = Number(args['valid-share']);
const maxHeapGrowth = Number(args['max-heap-growth-mib']) * MIB;
const warmUp = Math.min(total, Math.max(1000, Math.floor(total / 100)));

const gc = (globalThis as { gc?: () => void }).gc;
function settle(): Promise<void> {
  gc?.();
  return new Promise((resolve) => setTimeout(resolve, 200));
}
const memory = () => {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

function broker(): { brokers: string; stop: () => void } {
  const configured = process.env['BRIDGE_KAFKA_BROKERS'];
  if (configured !== undefined && configured !== '') return { brokers: configured, stop: () => undefined };
  const script = join(import.meta.dirname, 'kafka-local.sh');
  let running = true;
  try {
    execFileSync('bash', [script, 'status'], { stdio: 'ignore' });
  } catch {
    running = false;
  }
  const address =
    execFileSync('bash', [script, 'start'], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
  return {
    brokers: address,
    stop: () => {
      if (!running) execFileSync('bash', [script, 'stop'], { stdio: 'inherit' });
    },
  };
}

/** Request i: a valid callback of one of 500 groups with `validShare` odds, else the next hostile input. */
function requestOf(index: number): HostileInput {
  const hostile = hostileInputs[index % hostileInputs.length] as HostileInput;
  if ((index * 0.618_033_988_75) % 1 >= validShare) return hostile;
  const body = docExample({ GroupId: `@TGS#soak-${index % 500}`, MsgSeq: index });
  return { name: 'valid', body: Buffer.from(JSON.stringify(body)), expect: { status: 200 } };
}

async function main(): Promise<void> {
  const kafka = broker();
  const spoolDir = mkdtempSync(join(tmpdir(), 'soak-spool-'));
  const run = `soak-${Date.now()}`;
  const memoryAtStart = (await settle(), memory());
  const bridge = await startBridge({
    settings: loadSettings({
      BRIDGE_KAFKA_BROKERS: kafka.brokers,
      BRIDGE_KAFKA_TOPIC: `${run}.events`,
      BRIDGE_DLQ_TOPIC: `${run}.dlq`,
      BRIDGE_KAFKA_AUTO_CREATE_TOPICS: 'true',
      BRIDGE_TENCENT_TOKEN: TOKEN,
      BRIDGE_TENCENT_SDKAPPIDS: SDKAPPID,
      BRIDGE_HTTP_HOST: '127.0.0.1',
      BRIDGE_HTTP_PORT: '0',
      BRIDGE_SPOOL_DIR: spoolDir,
      BRIDGE_SHUTDOWN_DELAY_MS: '0',
    }),
    logger: silentLogger,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = new Map<string, number>();
  const latencies = new Float64Array(total);
  let peak = memory();
  const sampler = setInterval(() => {
    const now = memory();
    peak = { rss: Math.max(peak.rss, now.rss), heapUsed: Math.max(peak.heapUsed, now.heapUsed) };
  }, 250);

  let next = 0;
  async function worker(until: number): Promise<void> {
    while (next < until) {
      const index = next++;
      const input = requestOf(index);
      const query = signedQuery(input.auth ?? 'signed', new Date(), input.query, TOKEN, SDKAPPID);
      try {
        const response = await postRaw(bridge.url, `/callbacks/tencent-im?${query}`, input.body, {
          agent,
          timeoutMs: 10_000,
          ...(input.headers === undefined ? {} : { headers: input.headers }),
          ...(input.chunked === undefined ? {} : { chunked: input.chunked }),
        });
        latencies[index] = response.elapsedMs;
        const key = String(response.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      } catch {
        latencies[index] = Number.NaN;
        statuses.set('no answer', (statuses.get('no answer') ?? 0) + 1);
      }
    }
  }
  const drive = (until: number) => Promise.all(Array.from({ length: concurrency }, () => worker(until)));

  await drive(warmUp);
  const memoryAfterWarmUp = (await settle(), memory());
  peak = memoryAfterWarmUp;
  const started = performance.now();
  await drive(total);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  agent.destroy();
  const memoryAfter = (await settle(), await settle(), memory());
  await bridge.stop();
  kafka.stop();
  rmSync(spoolDir, { recursive: true, force: true });

  const answered = Array.from(latencies)
    .filter((ms) => !Number.isNaN(ms))
    .sort((a, b) => a - b);
  const quantile = (q: number) => (answered[Math.floor(q * (answered.length - 1))] ?? 0).toFixed(1);
  const growth = memoryAfter.heapUsed - memoryAfterWarmUp.heapUsed;
  const count = (prefix: string) =>
    [...statuses].filter(([status]) => status.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
  const lines = [
    `requests        ${total} (warm-up ${warmUp} included), concurrency ${concurrency}, valid share ${validShare}`,
    `throughput      ${((total - warmUp) / seconds).toFixed(0)} requests/s after warm-up (${seconds.toFixed(1)} s)`,
    `statuses        ${[...statuses]
      .sort()
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ')}`,
    `latency ms      p50 ${quantile(0.5)}, p99 ${quantile(0.99)}, max ${quantile(1)}`,
    `rss             start ${mib(memoryAtStart.rss)}, after warm-up ${mib(memoryAfterWarmUp.rss)}, peak ${mib(peak.rss)}, after ${mib(memoryAfter.rss)} (${mib(memoryAfter.rss - memoryAfterWarmUp.rss)})`,
    `heap used       start ${mib(memoryAtStart.heapUsed)}, after warm-up ${mib(memoryAfterWarmUp.heapUsed)}, peak ${mib(peak.heapUsed)}, after ${mib(memoryAfter.heapUsed)} (${mib(growth)}; bound ${mib(maxHeapGrowth)}${gc === undefined ? ', not enforced without --expose-gc' : ', after GC'})`,
  ];
  console.log(lines.join('\n'));
  const failures = [
    ...(count('5') > 0 ? [`${count('5')} answers were 5xx`] : []),
    ...(count('no answer') > 0 ? [`${count('no answer')} requests got no answer`] : []),
    ...(gc !== undefined && growth > maxHeapGrowth ? [`heap grew by ${mib(growth)}`] : []),
  ];
  if (failures.length > 0) {
    console.error(`soak failed: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
