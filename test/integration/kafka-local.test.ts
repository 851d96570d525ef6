// The integration harness against the real broker: topics, a produce/consume round trip with headers,
// kafkajs features the bridge relies on, and data surviving a SIGKILL of the broker.
import { describe, expect, inject, it } from 'vitest';
import { consumeAll, createTestTopic, killBroker, startBroker, testKafka } from './kafka-harness.js';

async function produce(
  topic: string,
  messages: { key: string; value: string; headers?: Record<string, string> }[],
) {
  const producer = testKafka('test-writer').producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    return await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

describe('local Kafka broker and test harness', () => {
  it('creates a topic with 6 partitions', async () => {
    const topic = await createTestTopic('harness-topic');
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(topics[0]?.partitions).toHaveLength(6);
      expect(topics[0]?.partitions.every((p) => p.leader >= 0)).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });

  it('does not create topics on first use', async () => {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const topic = `harness-absent-${Date.now()}`;
      await expect(admin.fetchTopicMetadata({ topics: [topic] })).rejects.toThrow();
      expect(await admin.listTopics()).not.toContain(topic);
    } finally {
      await admin.disconnect();
    }
  });

  it('consumes back a record produced with acks=-1, with its headers', async () => {
    const topic = await createTestTopic('harness-roundtrip');
    const [ack] = await produce(topic, [
      { key: 'group-1', value: 'hello', headers: { 'content-type': 'avro/binary', 'event-version': '1' } },
    ]);
    expect(ack?.errorCode).toBe(0);

    const records = await consumeAll(topic, { expected: 1 });
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.key?.toString()).toBe('group-1');
    expect(record?.value?.toString()).toBe('hello');
    expect(record?.headers['content-type']?.toString()).toBe('avro/binary');
    expect(record?.headers['event-version']?.toString()).toBe('1');
    expect(record?.partition).toBe(ack?.partition);
    expect(record?.offset).toBe(ack?.baseOffset);
  });

  it('keeps per-key order across partitions and finds offsets by timestamp', async () => {
    const topic = await createTestTopic('harness-order');
    const before = Date.now() - 1;
    const messages = Array.from({ length: 60 }, (_, i) => ({ key: `group-${i % 12}`, value: String(i) }));
    await produce(topic, messages);

    const records = await consumeAll(topic);
    expect(records).toHaveLength(60);
    expect(new Set(records.map((r) => r.partition)).size).toBeGreaterThan(1);
    const byKey = new Map<string, number[]>();
    for (const r of records) {
      const key = r.key?.toString() ?? '';
      byKey.set(key, [...(byKey.get(key) ?? []), Number(r.value?.toString())]);
    }
    for (const values of byKey.values()) expect(values).toEqual([...values].sort((a, b) => a - b));

    const admin = testKafka().admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, before);
      expect(offsets).toHaveLength(6);
      expect(offsets.every((o) => o.offset === '0')).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });

  it.runIf(inject('kafkaLocal') !== null)(
    'keeps the data when the broker is killed and started again',
    async () => {
      const topic = await createTestTopic('harness-restart');
      await produce(
        topic,
        Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
      );

      await killBroker();
      await startBroker();

      const records = await consumeAll(topic, { timeoutMs: 60_000 });
      expect(records.map((r) => r.value?.toString()).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `v${i}`).sort(),
      );
    },
    120_000,
  );
});
