import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { createKafkaPublisher } from '../../src/kafka/kafka-publisher.js';
import { silentLogger } from '../../src/logger.js';
import { createDurablePublisher } from '../../src/spool/durable-publisher.js';
import { openSpool } from '../../src/spool/spool.js';
import { runKafkaLocal } from './global-setup.js';

// A broker of its own (not the shared test broker), because this test starts with it stopped and starts it
// in the middle; other test files keep their broker meanwhile.
const broker = { port: 19292, dir: resolve(import.meta.dirname, '../../.kafka-local/durable-test') };
const brokers = [`127.0.0.1:${broker.port}`];
const folder = mkdtempSync(join(tmpdir(), 'durable-test-'));

/**
 * Every record of `topic` in partition order, until `count` distinct ones arrived: the forwarder delivers at
 * least once, so a batch that outlived its deadline on a slow broker may land twice.
 */
async function consumeOrdered(topic: string, count: number): Promise<{ key: string; value: string }[]> {
  const kafka = new Kafka({ brokers, clientId: 'durable-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 250 });
  const seen: { key: string; value: string }[] = [];
  const distinct = new Set<string>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => {
      fail(new Error(`${distinct.size} of ${count} records arrived`));
    }, 60_000);
    consumer
      .run({
        eachMessage: ({ message }) => {
          seen.push({ key: String(message.key), value: String(message.value) });
          distinct.add(`${String(message.key)}/${String(message.value)}`);
          if (distinct.size >= count) {
            clearTimeout(timer);
            done();
          }
          return Promise.resolve();
        },
      })
      .catch((err: unknown) => {
        clearTimeout(timer);
        fail(err instanceof Error ? err : new Error(String(err)));
      });
  }).finally(() => consumer.disconnect());
  return seen;
}

afterAll(async () => {
  await runKafkaLocal('stop', broker);
  rmSync(folder, { recursive: true, force: true });
});

describe('spool/durable-publisher against a real broker', () => {
  it('accepts records while Kafka is down and delivers them all, in per-key order, once it is up', async () => {
    await runKafkaLocal('stop', broker);
    const topic = `durable-${randomUUID().slice(0, 8)}`;
    const kafka = createKafkaPublisher({ brokers, clientId: 'durable-test', logger: silentLogger });
    await kafka.connect().catch(() => undefined);
    const spool = openSpool({ path: join(folder, 'spool.db'), maxBytes: 1e8, logger: silentLogger });
    const publisher = createDurablePublisher({
      kafka,
      spool,
      logger: silentLogger,
      forwardBackoffMs: { initial: 100, max: 500 },
    });
    publisher.start();

    const published = Array.from({ length: 300 }, (_, i) => ({
      key: `group-${i % 10}`,
      seq: Math.floor(i / 10),
    }));
    await Promise.all(
      published.map(({ key, seq }) =>
        publisher.publish({
          topic,
          key,
          value: Buffer.from(String(seq)),
          headers: { ce_id: `${key}/${seq}` },
        }),
      ),
    );
    expect(spool.depth().records).toBe(300);

    let consumed: { key: string; value: string }[];
    try {
      await runKafkaLocal('start', broker);
      await kafka.ensureTopics([{ topic, partitions: 3 }]);
      consumed = await consumeOrdered(topic, 300);
    } finally {
      await publisher.close();
    }

    const firstSeen = new Map<string, number[]>();
    const unique = new Set<string>();
    for (const { key, value } of consumed) {
      if (unique.has(`${key}/${value}`)) continue;
      unique.add(`${key}/${value}`);
      firstSeen.set(key, [...(firstSeen.get(key) ?? []), Number(value)]);
    }
    expect(unique.size).toBe(300);
    for (const seqs of firstSeen.values()) expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i));
  }, 180_000);
});
