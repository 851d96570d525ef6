import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Its own port and data folder: never the development (9092) or test (19092) broker. */
const PORT = '29592';
const DIR = '.kafka-local/bench';
export const BENCH_BROKERS = `127.0.0.1:${PORT}`;
export const EVENTS_TOPIC = 'bench.group-messages.v1';
export const DLQ_TOPIC = 'bench.group-messages.dlq';
export const NAIVE_TOPIC = 'bench.naive.group-messages';
const WARMUP_TOPIC = 'bench.warmup';
const PARTITIONS = 6;

function script(command: 'start' | 'stop' | 'status'): { status: number | null; stdout: string } {
  const result = spawnSync('bash', [`${ROOT}scripts/kafka-local.sh`, command], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_LOCAL_PORT: PORT, KAFKA_LOCAL_DIR: DIR, KAFKA_LOCAL_STOP_TIMEOUT: '20' },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: result.status, stdout: result.stdout };
}

/** The broker's pid while it runs, for its CPU time. */
export function brokerPid(): number | undefined {
  const match = /^running (\d+)/.exec(script('status').stdout);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** A fresh broker (last run's data removed) with the bench topics, each with several partitions. */
export async function startBroker(): Promise<void> {
  if (brokerPid() === undefined) rmSync(`${ROOT}${DIR}`, { recursive: true, force: true });
  if (script('start').status !== 0) throw new Error('the bench broker did not start');
  const admin = client().admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = [EVENTS_TOPIC, DLQ_TOPIC, NAIVE_TOPIC, WARMUP_TOPIC].filter(
      (topic) => !existing.has(topic),
    );
    if (topics.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Produces to a topic of its own for `seconds` (acks=-1, a few requests at a time, records with and without
 * headers, as the bridge and the naive bridge send them) so the broker's JVM has compiled its produce path
 * before the first measured run: a cold broker answers several times slower, and whichever system ran first
 * would pay for it.
 */
export async function warmBroker(seconds: number): Promise<void> {
  const producer = client().producer();
  await producer.connect();
  try {
    const value = Buffer.alloc(700, 'x');
    // Shaped like the bridge's records (eight short headers), so the broker's record-parsing paths are
    // compiled too; a run after the warm-up must not pay for them either.
    const headers = {
      ce_specversion: '1.0',
      ce_id: '00000000-0000-5000-8000-000000000000',
      ce_type: 'warmup',
      ce_source: '/warmup',
      ce_time: new Date(0).toISOString(),
      'content-type': 'application/avro',
      'schema-version': '1',
      'schema-id': '0000000000000000',
    };
    const end = Date.now() + seconds * 1000;
    const worker = async (id: number) => {
      for (let n = 0; Date.now() < end; n++) {
        const messages = Array.from({ length: 20 }, (_, i) => ({
          key: `g${id}-${n}-${i}`,
          value,
          ...(i % 2 === 0 ? { headers } : {}),
        }));
        await producer.send({ topic: WARMUP_TOPIC, acks: -1, messages });
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
  } finally {
    await producer.disconnect();
  }
}

/** Synchronous, so it can run in an exit handler. */
export function stopBroker(): void {
  script('stop');
}

/** Records on `topic` so far (sum of the partitions' high watermarks). */
export async function recordsOn(topic: string): Promise<number> {
  const admin = client().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

function client(): Kafka {
  return new Kafka({ clientId: 'bench', brokers: [BENCH_BROKERS], logLevel: logLevel.NOTHING });
}
