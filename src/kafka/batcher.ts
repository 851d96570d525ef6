import { BridgeError } from '../errors.js';
import type { OutboundRecord } from './event-publisher.js';
import { toPublishError } from './kafka-error.js';
import type { PublisherMetrics } from './publisher-metrics.js';

/** Sends one batch; resolves once every record in it is acknowledged, rejects otherwise. */
export type SendBatch = (records: readonly OutboundRecord[]) => Promise<void>;

export interface PublishOptions {
  /**
   * Withdraws the record. If it is still queued it is never sent and the call rejects; if it is already
   * in the produce request on the wire the outcome is unknown and the call rejects too.
   */
  readonly signal?: AbortSignal;
}

export interface BatcherOptions {
  readonly send: SendBatch;
  /** How long the first record of a batch waits for company when nothing is in flight. */
  readonly lingerMs: number;
  readonly batchMaxRecords: number;
  /** Each call settles by then: acknowledged, or rejected as PUBLISH_FAILED (the record may still land). */
  readonly publishTimeoutMs: number;
  readonly metrics: PublisherMetrics;
  /** Monotonic milliseconds, for latency only. */
  readonly now: () => number;
}

export interface Batcher {
  publish(record: OutboundRecord, options?: PublishOptions): Promise<void>;
  /** Sends what is queued without waiting for the linger; resolves when nothing is queued or in flight. */
  flush(): Promise<void>;
}

interface Entry {
  readonly record: OutboundRecord;
  readonly startedAt: number;
  sent: boolean;
  settled: boolean;
  settle(error?: BridgeError): void;
}

/**
 * Gathers concurrent publishes into batches and keeps exactly one batch in flight. One batch at a time is
 * what keeps per-key order through retries and failover: batch n+1 is not sent before batch n has settled,
 * so a retried batch can never land behind a later one. Queue entries that time out or are withdrawn are
 * dropped lazily when the next batch is taken, so a burst of timeouts costs O(n), not O(n²).
 */
export function createBatcher(options: BatcherOptions): Batcher {
  const { send, lingerMs, batchMaxRecords, publishTimeoutMs, metrics, now } = options;
  let queue: Entry[] = [];
  let live = 0;
  let inFlight = false;
  let linger: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];

  function take(): Entry[] {
    const batch: Entry[] = [];
    let i = 0;
    for (; i < queue.length && batch.length < batchMaxRecords; i++) {
      const entry = queue[i];
      if (entry !== undefined && !entry.settled) batch.push(entry);
    }
    queue = queue.slice(i);
    return batch;
  }

  function pump(): void {
    if (linger !== undefined) clearTimeout(linger);
    linger = undefined;
    if (inFlight) return;
    const batch = take();
    metrics.queueDepth(live);
    if (batch.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const wake of waiters) wake();
      return;
    }
    inFlight = true;
    for (const entry of batch) entry.sent = true;
    metrics.batchSize(batch.length);
    send(batch.map((entry) => entry.record))
      .then(
        () => {
          for (const entry of batch) entry.settle();
        },
        (error: unknown) => {
          const failure = toPublishError(error);
          for (const entry of batch) entry.settle(failure);
        },
      )
      .finally(() => {
        inFlight = false;
        pump();
      });
  }

  function schedule(): void {
    if (inFlight || linger !== undefined) return;
    if (live >= batchMaxRecords || lingerMs <= 0) pump();
    else linger = setTimeout(pump, lingerMs);
  }

  function publish(record: OutboundRecord, publishOptions: PublishOptions = {}): Promise<void> {
    const { signal } = publishOptions;
    return new Promise<void>((resolve, reject) => {
      const entry: Entry = {
        record,
        startedAt: now(),
        sent: false,
        settled: false,
        settle(error) {
          if (entry.settled) return;
          entry.settled = true;
          live--;
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
          metrics.publishLatency((now() - entry.startedAt) / 1000, error === undefined ? 'acked' : 'failed');
          if (error === undefined) resolve();
          else reject(error);
        },
      };
      const giveUp = (reason: 'timeout' | 'withdrawn'): void => {
        const message =
          reason === 'timeout'
            ? `Kafka did not acknowledge the record within ${publishTimeoutMs} ms`
            : 'the record was withdrawn before Kafka acknowledged it';
        const details = { reason, sent: entry.sent };
        entry.settle(new BridgeError('PUBLISH_FAILED', message, { retriable: true, details }));
      };
      const onAbort = (): void => {
        giveUp('withdrawn');
      };
      const deadline = setTimeout(() => {
        giveUp('timeout');
      }, publishTimeoutMs);
      if (signal?.aborted === true) {
        live++;
        giveUp('withdrawn');
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(entry);
      live++;
      schedule();
    });
  }

  function flush(): Promise<void> {
    if (!inFlight && live === 0) return Promise.resolve();
    const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
    pump();
    return idle;
  }

  return { publish, flush };
}
