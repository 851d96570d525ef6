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
  overrides: Partial<{ publishTimeoutMs: number; metrics: PublisherMetrics }> = {},
) {
  return createBatcher({
    send,
    lingerMs: 1,
    batchMaxRecords: 3,
    publishTimeoutMs: overrides.publishTimeoutMs ?? 10_000,
    metrics: overrides.metrics ?? noopPublisherMetrics,
    now: () => performance.now(),
  });
}

describe('kafka/batcher', () => {
  it('gathers concurrent publishes into batches of at most batchMaxRecords, one batch in flight', async () => {
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
    const next = batcher.publish(record('k', 3));
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
