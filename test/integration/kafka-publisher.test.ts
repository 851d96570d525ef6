import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafkaPublisher, type KafkaPublisher } from '../../src/kafka/kafka-publisher.js';
import { noopPublisherMetrics } from '../../src/kafka/publisher-metrics.js';
import { silentLogger } from '../../src/logger.js';
import { consumeAll, kafkaBrokers, type ConsumedRecord } from './kafka-harness.js';

describe('kafka/kafka-publisher against a real broker', () => {
  // Created through the publisher's own ensureTopics, twice, to show it tolerates an existing topic.
  const topic = `publisher-${randomUUID().slice(0, 8)}`;
  const brokers = kafkaBrokers();
  const batchSizes: number[] = [];
  let publisher: KafkaPublisher;

  beforeAll(async () => {
    publisher = createKafkaPublisher({
      brokers,
      clientId: 'publisher-test',
      // What these tests prove is order and batching, not the deadline: a slow machine must not fail them.
      publishTimeoutMs: 30_000,
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

    const consumed = await consumeAll(topic, { expected: published.length, distinct: true });
    expect(consumed).toHaveLength(2000);
    const byKey = new Map<string, ConsumedRecord[]>();
    for (const record of consumed) {
      const key = String(record.key);
      byKey.set(key, [...(byKey.get(key) ?? []), record]);
    }
    expect(byKey.size).toBe(50);
    for (const records of byKey.values()) {
      expect(new Set(records.map((r) => r.partition)).size).toBe(1);
      expect(records.map((r) => Number(String(r.value)))).toEqual(Array.from({ length: 40 }, (_, i) => i));
    }
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    expect(batchSizes.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it('refuses to publish after close with SHUTTING_DOWN', async () => {
    const closed = createKafkaPublisher({
      brokers: kafkaBrokers(),
      clientId: 'closed',
      logger: silentLogger,
    });
    await closed.connect();
    await closed.close();
    await expect(
      closed.publish({ topic, key: 'k', value: Buffer.from('x'), headers: {} }),
    ).rejects.toMatchObject({
      code: 'SHUTTING_DOWN',
    });
  });

  it('withdraws records whose signal aborts before they are sent, and delivers the rest in order', async () => {
    const key = `withdraw-${randomUUID().slice(0, 8)}`;
    const withdraw = new AbortController();
    const record = (n: number) => ({ topic, key, value: Buffer.from(String(n)), headers: {} });
    const kept = [0, 1, 2].map((n) => publisher.publish(record(n)));
    const withdrawn = Promise.allSettled(
      [3, 4, 5].map((n) => publisher.publish(record(n), { signal: withdraw.signal })),
    );
    withdraw.abort();
    await Promise.all(kept);
    for (const outcome of await withdrawn) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'PUBLISH_FAILED' } });
    }
    await expect(publisher.publish(record(6), { signal: withdraw.signal })).rejects.toMatchObject({
      code: 'PUBLISH_FAILED',
    });
    await publisher.publish(record(7));
    const consumed = (await consumeAll(topic, { distinct: true })).filter((r) => String(r.key) === key);
    // Withdrawn while still queued: never sent.
    expect(consumed.map((r) => Number(String(r.value)))).toEqual([0, 1, 2, 7]);
  });
});
