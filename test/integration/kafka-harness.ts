// Helpers for integration tests against the broker that test/integration/global-setup.ts provides.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { inject } from 'vitest';
import { runKafkaLocal } from './global-setup.js';

/** Bootstrap servers of the test cluster. */
export function kafkaBrokers(): string[] {
  const brokers = inject('kafkaBrokers');
  if (brokers === '')
    throw new Error('no Kafka for this run: global-setup started none (only unit tests selected?)');
  return brokers.split(',');
}

/** A kafkajs client for the test cluster (or for `brokers`) that logs nothing. */
export function testKafka(clientId = 'integration-test', brokers: readonly string[] = kafkaBrokers()): Kafka {
  return new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.NOTHING });
}

/**
 * Retries `fn` while it fails with an error kafkajs marks retriable. A KRaft broker answers "does not host
 * this topic-partition" for a moment after creating a topic, and "not the leader" for a moment after a
 * restart; kafkajs' admin does not wait for either.
 */
export async function retryWhileRetriable<T>(fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      const retriable = (err as { retriable?: unknown }).retriable === true;
      if (!retriable || Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

/**
 * Creates a topic named `<prefix>-<unique>` with `partitions` partitions and waits until every partition
 * has a leader that answers.
 */
export async function createTestTopic(prefix: string, partitions = 6): Promise<string> {
  const topic = `${prefix}-${randomUUID().slice(0, 8)}`;
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
    });
    if (!created) throw new Error(`topic ${topic} already exists`);
    await retryWhileRetriable(async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const led = topics[0]?.partitions.filter((p) => p.leader >= 0).length ?? 0;
      if (led !== partitions) {
        throw Object.assign(new Error(`${topic}: ${led} of ${partitions} partitions have a leader`), {
          retriable: true,
        });
      }
      await admin.fetchTopicOffsets(topic);
    });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

export interface ConsumedRecord {
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer>>;
}

export interface ConsumeOptions {
  /** Wait until at least this many records arrived; without it, read up to the end offsets seen at the start. */
  readonly expected?: number;
  readonly timeoutMs?: number;
  /** Bootstrap servers of another broker than the shared test broker. */
  readonly brokers?: readonly string[];
  /**
   * Keep only the first copy of a record that repeats an earlier one (same partition, key, value and
   * headers), and count only distinct records towards `expected`. Delivery is at least once: a produce that
   * outlives the bridge's publish deadline is also spooled and forwarded, and kafkajs (not idempotent here)
   * may resend a batch whose request timed out, so one record may land twice. A copy on another partition is
   * kept, so a key that moved partitions still shows.
   */
  readonly distinct?: boolean;
}

/** What makes two records copies of one: partition, key, value and headers. */
function identityOf(record: ConsumedRecord): string {
  const hash = createHash('sha256').update(`${record.partition}:`);
  for (const part of [record.key, record.value]) {
    hash.update(String(part?.length ?? -1)).update(':');
    if (part !== null) hash.update(part);
  }
  for (const name of Object.keys(record.headers).sort()) {
    const value = record.headers[name] ?? Buffer.alloc(0);
    hash.update(`${Buffer.byteLength(name)}:${name}${value.length}:`).update(value);
  }
  return hash.digest('hex');
}

function headersOf(headers: IHeaders | undefined, where: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) throw new Error(`header ${name} appears ${value.length} times in ${where}`);
    out[name] = Buffer.isBuffer(value) ? value : Buffer.from(value);
  }
  return out;
}

/**
 * Reads `topic` from the beginning with a fresh consumer group and returns its records sorted by partition
 * and offset. Fails when `expected` records (or the end offsets) are not reached within `timeoutMs`.
 */
export async function consumeAll(topic: string, options: ConsumeOptions = {}): Promise<ConsumedRecord[]> {
  const { expected, timeoutMs = 30_000, distinct = false } = options;
  const kafka = testKafka('test-reader', options.brokers);

  // Without `expected`, "all" means everything up to the end offsets at this moment.
  const ends = new Map<number, bigint>();
  if (expected === undefined) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await retryWhileRetriable(() => admin.fetchTopicOffsets(topic));
      for (const p of offsets) ends.set(p.partition, BigInt(p.high));
    } finally {
      await admin.disconnect();
    }
  }
  const next = new Map<number, bigint>();
  const done = (records: ConsumedRecord[]): boolean =>
    expected !== undefined
      ? records.length >= expected
      : [...ends].every(([partition, end]) => (next.get(partition) ?? 0n) >= end);

  const records: ConsumedRecord[] = [];
  const seen = new Set<string>();
  const isFirstCopy = (record: ConsumedRecord): boolean => {
    const identity = identityOf(record);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  };
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 250 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolveAll, reject) => {
      const timer = setTimeout(() => {
        const want = expected === undefined ? 'the end offsets' : `${expected} records`;
        reject(
          new Error(`consumeAll(${topic}): ${records.length} records after ${timeoutMs} ms, wanted ${want}`),
        );
      }, timeoutMs);
      if (done(records)) {
        clearTimeout(timer);
        resolveAll();
        return;
      }
      consumer
        .run({
          eachMessage: ({ partition, message }) => {
            const record: ConsumedRecord = {
              partition,
              offset: message.offset,
              timestamp: message.timestamp,
              key: message.key,
              value: message.value,
              headers: headersOf(message.headers, `${topic}/${partition}@${message.offset}`),
            };
            next.set(partition, BigInt(message.offset) + 1n);
            if (!distinct || isFirstCopy(record)) records.push(record);
            if (done(records)) {
              clearTimeout(timer);
              resolveAll();
            }
            return Promise.resolve();
          },
        })
        .catch((err: unknown) => {
          clearTimeout(timer);
          reject(err instanceof Error ? err : new Error(String(err)));
        });
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

function localBroker(): { port: number; dir: string } {
  const local = inject('kafkaLocal');
  if (local === null)
    throw new Error('broker control needs the local test broker (BRIDGE_TEST_KAFKA_BROKERS is set)');
  return local;
}

/** SIGKILLs the local test broker (its data stays). */
export async function killBroker(): Promise<void> {
  await runKafkaLocal('kill', localBroker());
}

/** Stops the local test broker cleanly. */
export async function stopBroker(): Promise<void> {
  await runKafkaLocal('stop', localBroker());
}

/**
 * Starts the local test broker again on the same port and data; resolves once it answers clients and every
 * partition has its leader back.
 */
export async function startBroker(): Promise<void> {
  await runKafkaLocal('start', localBroker());
}
