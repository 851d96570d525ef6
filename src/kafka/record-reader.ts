import { Kafka, logLevel } from 'kafkajs';
import type { ClientSettings } from './kafka-options.js';
import { toKafkaConfig } from './kafka-options.js';

/** A record as read back from a topic: the bridge's own shape, independent of the client library. */
export interface InboundRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: Date;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

/** Where reading starts: the beginning, the end (only new records), or the first record at/after a time. */
export type StartAt =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  | { readonly kind: 'time'; readonly time: Date };

export interface ReadOptions extends Omit<ClientSettings, 'requestTimeoutMs'> {
  readonly topic: string;
  readonly startAt: StartAt;
  readonly onRecord: (record: InboundRecord) => void | Promise<void>;
}

/**
 * Reads a topic without a consumer group (no offsets are committed, nothing to clean up): every partition
 * from `startAt`, records in order within each partition. Resolves with a stop function once reading began.
 */
export async function readRecords(options: ReadOptions): Promise<() => Promise<void>> {
  const kafka = new Kafka({
    ...toKafkaConfig({ ...options, requestTimeoutMs: 30_000 }, undefined),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await startOffsets(admin, options.topic, options.startAt);
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `tail-${process.pid}-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: options.startAt.kind === 'earliest' });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? String(value[0]) : String(value);
      }
      await options.onRecord({
        topic,
        partition,
        offset: message.offset,
        timestamp: new Date(Number(message.timestamp)),
        key: message.key?.toString('utf8') ?? null,
        value: message.value,
        headers,
      });
    },
  });
  for (const { partition, offset } of offsets) consumer.seek({ topic: options.topic, partition, offset });
  return () => consumer.disconnect();
}

async function startOffsets(
  admin: ReturnType<Kafka['admin']>,
  topic: string,
  startAt: StartAt,
): Promise<{ partition: number; offset: string }[]> {
  if (startAt.kind === 'time') return admin.fetchTopicOffsetsByTimestamp(topic, startAt.time.getTime());
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.map(({ partition, low, high }) => ({
    partition,
    offset: startAt.kind === 'earliest' ? low : high,
  }));
}
