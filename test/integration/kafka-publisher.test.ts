import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafkaPublisher, type KafkaPublisher } from '../../src/kafka/kafka-publisher.js';
import { noopPublisherMetrics } from '../../src/kafka/publisher-metrics.js';
import { silentLogger } from '../../src/logger.js';

const brokers = inject('kafkaBrokers');

interface Consumed {
  readonly key: string;
  readonly value: string;
  readonly partition: number;
}

/** Reads the topic from the beginning until `count` records arrived. */
async function consume(topic: string, count: number): Promise<Consumed[]> {
  const kafka = new Kafka({ brokers: [...brokers], clientId: 'test-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const seen: Consumed[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`only ${seen.length} of ${count} records arrived`));
    }, 30_000);
    void consumer.run({
      eachMessage: async ({ message, partition }) => {
        seen.push({ key: String(message.key), value: String(message.value), partition });
        if (seen.length >= count) {
          clearTimeout(timer);
          resolve();
        }
        return Promise.resolve();
      },
    });
  });
  await consumer.disconnect();
  return seen;
}

describe('kafka/kafka-publisher against a real broker', () => {
  const topic = `publisher-${randomUUID()}`;
  const batchSizes: number[] = [];
  let publisher: KafkaPublisher;

  beforeAll(async () => {
    publisher = createKafkaPublisher({
      brokers,
      clientId: 'publisher-test',
      logger: silentLogger,
      metrics: { ...noopPublisherMetrics, batchSize: (n) => batchSizes.push(n) },
    });
    await publisher.ensureTopics([{ topic, partitions: 6 }]);
    await publisher.ensureTopics([{ topic, partitions: 6 }]);
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.close();
  });

  it('delivers 2,000 concurrent records for 50 keys, each key on one partition and in publish order', async () => {
    const published = Array.from({ length: 2000 }, (_, i) => ({
      key: `group-${i % 50}`,
      seq: Math.floor(i / 50),
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
    expect(publisher.isConnected()).toBe(true);

    const consumed = await consume(topic, published.length);
    expect(consumed).toHaveLength(2000);
    const byKey = new Map<string, Consumed[]>();
    for (const record of consumed) byKey.set(record.key, [...(byKey.get(record.key) ?? []), record]);
    expect(byKey.size).toBe(50);
    for (const records of byKey.values()) {
      expect(new Set(records.map((r) => r.partition)).size).toBe(1);
      expect(records.map((r) => Number(r.value))).toEqual(Array.from({ length: 40 }, (_, i) => i));
    }
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    expect(batchSizes.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it('refuses to publish after close with SHUTTING_DOWN', async () => {
    const closed = createKafkaPublisher({ brokers, clientId: 'closed', logger: silentLogger });
    await closed.connect();
    await closed.close();
    await expect(
      closed.publish({ topic, key: 'k', value: Buffer.from('x'), headers: {} }),
    ).rejects.toMatchObject({
      code: 'SHUTTING_DOWN',
    });
  });
});

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
  }
}
