import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKafkaPublisher } from '../../src/kafka/kafka-publisher.js';
import { silentLogger } from '../../src/logger.js';
import { createDurablePublisher } from '../../src/spool/durable-publisher.js';
import { openSpool } from '../../src/spool/spool.js';
import { runKafkaLocal } from './global-setup.js';
import { consumeAll, type ConsumedRecord } from './kafka-harness.js';

// A broker of its own (not the shared test broker), because this test starts with it stopped and starts it
// in the middle; other test files keep their broker meanwhile.
const broker = { port: 19292, dir: resolve(import.meta.dirname, '../../.kafka-local/durable-test') };
const brokers = [`127.0.0.1:${broker.port}`];
const folder = mkdtempSync(join(tmpdir(), 'durable-test-'));

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

    let consumed: ConsumedRecord[];
    try {
      await runKafkaLocal('start', broker);
      await kafka.ensureTopics([{ topic, partitions: 3 }]);
      // The forwarder delivers at least once: a round that outlived its deadline on a slow broker may land
      // twice.
      consumed = await consumeAll(topic, { brokers, expected: 300, distinct: true, timeoutMs: 60_000 });
    } finally {
      await publisher.close();
    }

    expect(consumed).toHaveLength(300);
    const seqsByKey = new Map<string, number[]>();
    for (const record of consumed) {
      const key = String(record.key);
      seqsByKey.set(key, [...(seqsByKey.get(key) ?? []), Number(String(record.value))]);
    }
    for (const seqs of seqsByKey.values()) expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i));
  }, 180_000);
});
