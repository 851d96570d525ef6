import { describe, expect, it } from 'vitest';
import { isBridgeError } from '../../../src/errors.js';
import { createBatcher, type SendBatch } from '../../../src/kafka/batcher.js';
import type { OutboundRecord } from '../../../src/kafka/event-publisher.js';
import { noopPublisherMetrics, type PublisherMetrics } from '../../../src/kafka/publisher-metrics.js';

function record(key: string, n: number): OutboundRecord {
  return { topic: 't', key, value: Buffer.from(`${key}:${n}`), headers: {} };
}

/** A fake produce call: records every batch; each batch settles when the test says so. */
function fakeSend() {
  const batches: { records: readonly OutboundRecord[]; ack: () => void; fail: (e: Error) => void }[] = [];
  const send: SendBatch = (records) =>
    new Promise<void>((ack, fail) => {
      batches.push({ records, ack, fail });
    });
  return { send, batches };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function batcherWith(
  send: SendBatch,
  overrides: Partial<{
    publishTimeoutMs: number;
    metrics: PublisherMetrics;
    maxInFlightBatches: number;
  }> = {},
) {
  return createBatcher({
    send,
    lingerMs: 1,
    batchMaxRecords: 3,
    maxInFlightBatches: overrides.maxInFlightBatches ?? 3,
    publishTimeoutMs: overrides.publishTimeoutMs ?? 10_000,
    metrics: overrides.metrics ?? noopPublisherMetrics,
    now: () => performance.now(),
  });
}

describe('kafka/batcher', () => {
  it('gathers concurrent publishes into batches of at most batchMaxRecords, one batch per key in flight', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send);
    const done = Array.from({ length: 7 }, (_, i) => batcher.publish(record('k', i)));
    await tick();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.records.map((r) => r.value.toString())).toEqual(['k:0', 'k:1', 'k:2']);
    batches[0]?.ack();
    await tick();
    expect(batches).toHaveLength(2);
    expect(batches[1]?.records).toHaveLength(3);
    batches[1]?.ack();
    await tick();
    batches[2]?.ack();
    await expect(Promise.all(done)).resolves.toHaveLength(7);
  });

  it('resolves each call only when its own batch is acknowledged', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send);
    const first = Array.from({ length: 3 }, (_, i) => batcher.publish(record('k', i)));
    const late = batcher.publish(record('k', 3));
    let lateDone = false;
    void late.then(() => (lateDone = true));
    await tick();
    batches[0]?.ack();
    await Promise.all(first);
    await tick();
    expect(lateDone).toBe(false);
    batches[1]?.ack();
    await late;
  });

  it('rejects every record of a failed batch with a retriable PUBLISH_FAILED and goes on with the next', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send);
    const failed = Array.from({ length: 3 }, (_, i) => batcher.publish(record('k', i)));
    const next = batcher.publish(record('other', 0));
    await tick();
    batches[0]?.fail(new Error('There is no leader for this topic-partition'));
    for (const call of failed) {
      await expect(call).rejects.toMatchObject({ code: 'PUBLISH_FAILED', retriable: true });
    }
    await tick();
    batches[1]?.ack();
    await next;
  });

  it('rejects a call that is not acknowledged by the deadline and never sends it if it was still queued', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send, { publishTimeoutMs: 30 });
    const inFlight = Array.from({ length: 3 }, (_, i) => batcher.publish(record('k', i)));
    const queued = batcher.publish(record('k', 3));
    await Promise.all(
      [...inFlight, queued].map((call) =>
        expect(call).rejects.toSatisfy((e) => isBridgeError(e) && e.code === 'PUBLISH_FAILED'),
      ),
    );
    await expect(queued).rejects.toMatchObject({ details: { reason: 'timeout', sent: false } });
    batches[0]?.ack();
    await tick();
    expect(batches).toHaveLength(1);
  });

  it('withdraws a queued record when its signal aborts, keeping the records around it', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send);
    const first = Array.from({ length: 3 }, (_, i) => batcher.publish(record('k', i)));
    const withdraw = new AbortController();
    const kept1 = batcher.publish(record('k', 3));
    const withdrawn = batcher.publish(record('k', 4), { signal: withdraw.signal });
    const kept2 = batcher.publish(record('k', 5));
    withdraw.abort();
    await expect(withdrawn).rejects.toMatchObject({ details: { reason: 'withdrawn', sent: false } });
    await tick();
    batches[0]?.ack();
    await Promise.all(first);
    await tick();
    expect(batches[1]?.records.map((r) => r.value.toString())).toEqual(['k:3', 'k:5']);
    batches[1]?.ack();
    await Promise.all([kept1, kept2]);
  });

  it('flush sends without waiting for the linger and resolves once nothing is queued or in flight', async () => {
    const { send, batches } = fakeSend();
    const batcher = createBatcher({
      send,
      lingerMs: 60_000,
      batchMaxRecords: 10,
      maxInFlightBatches: 1,
      publishTimeoutMs: 120_000,
      metrics: noopPublisherMetrics,
      now: () => 0,
    });
    const call = batcher.publish(record('k', 0));
    let flushed = false;
    const flushing = batcher.flush().then(() => (flushed = true));
    expect(batches).toHaveLength(1);
    await tick();
    expect(flushed).toBe(false);
    batches[0]?.ack();
    await Promise.all([call, flushing]);
    expect(flushed).toBe(true);
  });

  it('reports batch sizes and latencies', async () => {
    const sizes: number[] = [];
    const outcomes: string[] = [];
    const metrics: PublisherMetrics = {
      ...noopPublisherMetrics,
      batchSize: (n) => sizes.push(n),
      publishLatency: (_s, outcome) => outcomes.push(outcome),
    };
    const batcher = batcherWith(() => Promise.resolve(), { metrics });
    await Promise.all(Array.from({ length: 4 }, (_, i) => batcher.publish(record('k', i))));
    expect(sizes).toEqual([3, 1]);
    expect(outcomes).toEqual(['acked', 'acked', 'acked', 'acked']);
  });
});

const sent = (batch: { records: readonly OutboundRecord[] } | undefined) =>
  batch?.records.map((r) => r.value.toString());

describe('kafka/batcher with several batches in flight', () => {
  it('sends other keys while a key is in flight and holds that key until its batch settles', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send);
    const first = batcher.publish(record('a', 0));
    await tick();
    const later = [record('a', 1), record('b', 0), record('a', 2), record('c', 0)].map((r) =>
      batcher.publish(r),
    );
    await tick();
    expect(batches.map(sent)).toEqual([['a:0'], ['b:0', 'c:0']]);
    batches[1]?.ack();
    await tick();
    expect(batches).toHaveLength(2);
    batches[0]?.ack();
    await first;
    await tick();
    expect(sent(batches[2])).toEqual(['a:1', 'a:2']);
    batches[2]?.ack();
    await Promise.all(later);
  });

  it('keeps at most maxInFlightBatches batches unsettled', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send, { maxInFlightBatches: 2 });
    const calls = Array.from({ length: 9 }, (_, i) => batcher.publish(record(`k${i}`, 0)));
    await tick();
    expect(batches).toHaveLength(2);
    batches[0]?.ack();
    await tick();
    expect(batches).toHaveLength(3);
    batches[1]?.ack();
    batches[2]?.ack();
    await Promise.all(calls);
  });

  it('fails a queued record of a failed key instead of sending it after the failure', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send);
    const failed = batcher.publish(record('a', 0));
    await tick();
    const held = batcher.publish(record('a', 1));
    const other = batcher.publish(record('b', 0));
    await tick();
    expect(batches.map(sent)).toEqual([['a:0'], ['b:0']]);
    batches[0]?.fail(new Error('Request timed out'));
    await expect(failed).rejects.toMatchObject({ code: 'PUBLISH_FAILED' });
    await expect(held).rejects.toMatchObject({ code: 'PUBLISH_FAILED' });
    await tick();
    expect(batches.map(sent)).toEqual([['a:0'], ['b:0']]);
    batches[1]?.ack();
    await other;
    const after = batcher.publish(record('a', 2));
    await tick();
    expect(sent(batches[2])).toEqual(['a:2']);
    batches[2]?.ack();
    await after;
  });

  it('keeps a key in flight until its send settles, even after its records gave up', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send, { publishTimeoutMs: 30 });
    const gaveUp = batcher.publish(record('a', 0));
    await expect(gaveUp).rejects.toMatchObject({ details: { reason: 'timeout', sent: true } });
    const next = batcher.publish(record('a', 1));
    await tick();
    expect(batches).toHaveLength(1);
    batches[0]?.ack(); // the first record may still land, so the next must come after it
    await tick();
    expect(sent(batches[1])).toEqual(['a:1']);
    batches[1]?.ack();
    await next;
  });

  it('withdraws every record sharing an aborted signal, queued or sent, and sends none of the queued', async () => {
    const { send, batches } = fakeSend();
    const batcher = batcherWith(send);
    const withdraw = new AbortController();
    const options = { signal: withdraw.signal };
    const onWire = batcher.publish(record('a', 0), options);
    await tick();
    const queued = [batcher.publish(record('a', 1), options), batcher.publish(record('b', 0), options)];
    const kept = batcher.publish(record('c', 0));
    withdraw.abort();
    await expect(onWire).rejects.toMatchObject({ details: { reason: 'withdrawn', sent: true } });
    for (const call of queued) {
      await expect(call).rejects.toMatchObject({ details: { reason: 'withdrawn', sent: false } });
    }
    await tick();
    expect(batches.map(sent)).toEqual([['a:0'], ['c:0']]);
    batches[0]?.ack();
    batches[1]?.ack();
    await kept;
  });

  it('never has a key in two unsettled batches and sends each key in publish order, under random failures', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const unsettled = new Set<string>();
    const sentPerKey = new Map<string, number[]>();
    let overlaps = 0;
    const send: SendBatch = async (records) => {
      const keys = new Set(records.map((r) => r.key));
      for (const key of keys) if (unsettled.has(key)) overlaps++;
      for (const key of keys) unsettled.add(key);
      for (const r of records) sentPerKey.set(r.key, [...(sentPerKey.get(r.key) ?? []), Number(r.value)]);
      await new Promise((resolve) => setTimeout(resolve, random() * 4));
      for (const key of keys) unsettled.delete(key);
      if (random() < 0.3) throw new Error('There is no leader for this topic-partition');
    };
    const batcher = batcherWith(send, { maxInFlightBatches: 4 });
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 400; i++) {
      const r = { topic: 't', key: `k${i % 7}`, value: Buffer.from(String(i)), headers: {} };
      calls.push(batcher.publish(r).catch((error: unknown) => error));
      if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.allSettled(calls);
    await batcher.flush();
    expect(overlaps).toBe(0);
    // Every record was sent, or failed without being sent because an earlier one of its key failed.
    const sentValues = new Set([...sentPerKey.values()].flat());
    const outcomes = await Promise.all(calls);
    const unsent = outcomes.filter((_, i) => !sentValues.has(i));
    expect(unsent.length).toBeGreaterThan(0);
    expect(unsent.every((outcome) => isBridgeError(outcome) && outcome.code === 'PUBLISH_FAILED')).toBe(true);
    expect(sentValues.size + unsent.length).toBe(400);
    for (const values of sentPerKey.values()) expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});
