import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundRecord } from '../../../src/kafka/event-publisher.js';
import { silentLogger } from '../../../src/logger.js';
import {
  createDurablePublisher,
  type DurablePublisherOptions,
} from '../../../src/spool/durable-publisher.js';
import { openSpool, type Spool } from '../../../src/spool/spool.js';
import { fakeKafka } from './fake-kafka.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function record(key: string, n: number, id = `${key}-${n}`): OutboundRecord {
  return { topic: 'events', key, value: Buffer.from(String(n)), headers: { ce_id: id } };
}

const values = (records: readonly OutboundRecord[]) => records.map((r) => `${r.key}:${r.value.toString()}`);

function setup(
  overrides: Partial<DurablePublisherOptions> & { maxBytes?: number; spool?: Spool; start?: boolean } = {},
) {
  const fake = fakeKafka();
  const spool =
    overrides.spool ??
    openSpool({ path: ':memory:', maxBytes: overrides.maxBytes ?? 1e9, logger: silentLogger });
  const publisher = createDurablePublisher({
    kafka: fake.kafka,
    spool,
    logger: silentLogger,
    publishTimeoutMs: 50,
    forwardBackoffMs: { initial: 5, max: 20 },
    ...overrides,
  });
  if (overrides.start !== false) publisher.start();
  closers.push(() => publisher.close());
  return { fake, spool, publisher };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe('spool/durable-publisher', () => {
  it('publishes straight to Kafka while Kafka acknowledges and the spool is empty', async () => {
    const { fake, spool, publisher } = setup();
    await publisher.publish(record('g', 1));
    expect(values(fake.topic)).toEqual(['g:1']);
    expect(spool.depth().records).toBe(0);
  });

  it('spools a record Kafka rejects and resolves; the forwarder delivers it once Kafka is back', async () => {
    const { fake, spool, publisher } = setup();
    fake.mode = 'fail';
    await publisher.publish(record('g', 1));
    expect(spool.depth().records).toBe(1);
    fake.mode = 'ack';
    await until(() => spool.depth().records === 0);
    expect(values(fake.topic)).toEqual(['g:1']);
  });

  it('keeps per-key order of first appearance when a record times out with later ones still in flight', async () => {
    const { fake, spool, publisher } = setup();
    fake.mode = 'hang';
    const first = [publisher.publish(record('g', 1)), publisher.publish(record('g', 2))];
    await Promise.all(first); // both resolved by the deadline: taken over into the spool
    expect(fake.pending).toBe(0); // withdrawn from the Kafka queue, never sent from there
    const later = publisher.publish(record('g', 3)); // behind the backlog
    await later;
    fake.mode = 'ack';
    await until(() => spool.depth().records === 0);
    expect(values(fake.topic)).toEqual(['g:1', 'g:2', 'g:3']);
  });

  it('takes a record over at its own deadline, not at that of an earlier record Kafka acknowledged', async () => {
    const { fake, spool, publisher } = setup({ publishTimeoutMs: 400, start: false });
    fake.hangMs = 2000; // well past the deadline: the deadline, not a Kafka failure, spools the record
    await publisher.publish(record('g', 1)); // acknowledged at once; its deadline would be at 400 ms
    await new Promise((resolve) => setTimeout(resolve, 200));
    fake.mode = 'hang';
    const publishedAt = performance.now();
    // Timers fire late on a busy machine, never early: spooled 400 ms after its own publish, not 200 ms
    // after it (the first record's deadline), whatever the load.
    const spooledAfterMs = await publisher
      .publish(record('g', 2))
      .then(() => performance.now() - publishedAt);
    expect(spooledAfterMs).toBeGreaterThanOrEqual(395);
    expect(spool.peek(10).map((s) => s.record.value.toString())).toEqual(['2']);
    fake.mode = 'ack';
    publisher.start();
    await until(() => spool.depth().records === 0);
    expect(values(fake.topic)).toEqual(['g:1', 'g:2']);
  });

  it('lets a taken-over record that was already on the wire appear twice, the first copy in order', async () => {
    const { fake, spool, publisher } = setup();
    fake.mode = 'hang';
    fake.onWire = true;
    // Kafka does not give up on its own here. With its default 100 ms, a timer phase run 50 ms late would
    // fire both the 50 ms deadline and the give-up before the spool's commit, and nothing would be left to
    // release.
    fake.hangMs = 5000;
    await publisher.publish(record('g', 1)); // deadline: spooled, while the send goes on
    const second = publisher.publish(record('g', 2)); // behind the backlog
    fake.release(); // the first send lands after all
    await second;
    fake.mode = 'ack';
    fake.release(); // and so does a copy the forwarder sent while Kafka still hung
    await until(() => spool.depth().records === 0);
    expect(values(fake.topic)).toEqual(['g:1', 'g:1', 'g:2']);
  });

  it('spools without trying Kafka while Kafka is known to be down', async () => {
    const { fake, spool, publisher } = setup({ start: false });
    fake.connected = false;
    await publisher.publish(record('g', 1));
    expect(fake.topic).toEqual([]);
    expect(spool.depth().records).toBe(1);
  });

  it('spools once maxInFlightRecords are on their way, taking those along in order', async () => {
    const { fake, spool, publisher } = setup({ maxInFlightRecords: 2, publishTimeoutMs: 10_000 });
    fake.mode = 'hang';
    const calls = [1, 2, 3].map((n) => publisher.publish(record('g', n)));
    await Promise.all(calls);
    expect(spool.peek(10).map((s) => s.record.value.toString())).toEqual(['1', '2', '3']);
    fake.mode = 'ack';
    await until(() => spool.depth().records === 0);
    expect(values(fake.topic)).toEqual(['g:1', 'g:2', 'g:3']);
  });

  it('rejects with OVERLOADED when Kafka fails and the spool is full', async () => {
    const { fake, publisher } = setup({ maxBytes: 10 });
    fake.mode = 'fail';
    await expect(publisher.publish(record('g', 1))).rejects.toMatchObject({ code: 'OVERLOADED' });
  });

  it('drops a second record with the same dedup key within the window', async () => {
    const { fake, publisher } = setup({ dedupWindowMs: 60_000 });
    await publisher.publish(record('g', 1, 'event-1'));
    await publisher.publish(record('g', 1, 'event-1'));
    await publisher.publish(record('g', 2, 'event-2'));
    expect(values(fake.topic)).toEqual(['g:1', 'g:2']);
  });

  it('publishes a duplicate again when the first copy was refused', async () => {
    const { fake, publisher } = setup({ dedupWindowMs: 60_000, maxBytes: 10 });
    fake.mode = 'fail';
    await expect(publisher.publish(record('g', 1, 'event-1'))).rejects.toMatchObject({ code: 'OVERLOADED' });
    fake.mode = 'ack';
    await publisher.publish(record('g', 1, 'event-1'));
    expect(values(fake.topic)).toEqual(['g:1']);
  });

  it('forwards what an earlier run left in the spool before newer records', async () => {
    const spool = openSpool({ path: ':memory:', maxBytes: 1e9, logger: silentLogger });
    await spool.append([record('g', 1), record('g', 2)]);
    const { fake, publisher } = setup({ spool });
    await publisher.publish(record('g', 3));
    await until(() => spool.depth().records === 0);
    expect(values(fake.topic)).toEqual(['g:1', 'g:2', 'g:3']);
  });

  it('refuses new records with SHUTTING_DOWN after close', async () => {
    const { publisher } = setup();
    closers.pop();
    await publisher.close();
    await expect(publisher.publish(record('g', 1))).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
  });
});
