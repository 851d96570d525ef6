import { BridgeError } from '../errors.js';
import type { OutboundRecord } from './event-publisher.js';
import { toPublishError } from './kafka-error.js';
import type { PublisherMetrics } from './publisher-metrics.js';

/** Sends one batch; resolves once every record in it is acknowledged, rejects otherwise. */
export type SendBatch = (records: readonly OutboundRecord[]) => Promise<void>;

export interface PublishOptions {
  /**
   * Withdraws the record. If it is still queued it is never sent and the call rejects; if it is already
   * in the produce request on the wire the outcome is unknown and the call rejects too. One signal may be
   * shared by many calls: it costs one listener per signal, not per call.
   */
  readonly signal?: AbortSignal;
}

export interface BatcherOptions {
  readonly send: SendBatch;
  /** How long the first record of a batch waits for company while a batch could be sent. */
  readonly lingerMs: number;
  readonly batchMaxRecords: number;
  /** `send` calls unsettled at once. No key is ever in two of them. */
  readonly maxInFlightBatches: number;
  /** Each call settles by then: acknowledged, or rejected as PUBLISH_FAILED (the record may still land). */
  readonly publishTimeoutMs: number;
  readonly metrics: PublisherMetrics;
  /** Monotonic milliseconds, for latency and the publish deadline. */
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
  readonly signal: AbortSignal | undefined;
  sent: boolean;
  settled: boolean;
  readonly resolve: () => void;
  readonly reject: (error: BridgeError) => void;
}

/**
 * Gathers concurrent publishes into batches, with up to `maxInFlightBatches` batches in flight. Per-key
 * order needs only this: a record is not sent while an earlier record with its key is in an unsettled
 * batch. Such records wait in the queue, in order, and go in a later batch; records of other keys pass
 * them. So a retry inside one `send` can only reorder records of different keys. A key stays in flight
 * until its batch's `send` settles, even when its records gave up earlier (deadline, withdrawal): they may
 * still land. When a batch fails, the queued records of its keys fail with it, so none overtakes them. Deadlines are kept in start order and checked by one timer; settled or withdrawn queue
 * entries are dropped lazily when the next batch is taken, so a burst of timeouts costs O(n), not O(n²).
 */
export function createBatcher(options: BatcherOptions): Batcher {
  const { send, lingerMs, batchMaxRecords, maxInFlightBatches, publishTimeoutMs, metrics, now } = options;
  let queue: Entry[] = [];
  /** Queue entries left behind by the last take because their key was in flight. */
  let waiting = 0;
  const keysInFlight = new Set<string>();
  let inFlight = 0;
  let live = 0;
  let linger: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];
  const deadlines = createDeadlines(publishTimeoutMs, now, (entry) => !entry.settled, giveUp);
  const watched = new WeakSet<AbortSignal>();

  function settle(entry: Entry, error?: BridgeError): void {
    if (entry.settled) return;
    entry.settled = true;
    if (--live === 0) deadlines.idle();
    metrics.publishLatency((now() - entry.startedAt) / 1000, error === undefined ? 'acked' : 'failed');
    if (error === undefined) entry.resolve();
    else entry.reject(error);
  }

  function giveUp(entry: Entry, reason: 'timeout' | 'withdrawn'): void {
    const message =
      reason === 'timeout'
        ? `Kafka did not acknowledge the record within ${publishTimeoutMs} ms`
        : 'the record was withdrawn before Kafka acknowledged it';
    const details = { reason, sent: entry.sent };
    settle(entry, new BridgeError('PUBLISH_FAILED', message, { retriable: true, details }));
  }

  function take(): Entry[] {
    const batch: Entry[] = [];
    const held: Entry[] = [];
    let i = 0;
    for (; i < queue.length && batch.length < batchMaxRecords; i++) {
      const entry = queue[i];
      if (entry === undefined || entry.settled) continue;
      if (keysInFlight.has(entry.record.key)) held.push(entry);
      else batch.push(entry);
    }
    queue = held.length === 0 ? queue.slice(i) : held.concat(queue.slice(i));
    waiting = held.length;
    return batch;
  }

  function dispatch(batch: Entry[]): void {
    inFlight++;
    for (const entry of batch) {
      entry.sent = true;
      keysInFlight.add(entry.record.key);
    }
    metrics.batchSize(batch.length);
    send(batch.map((entry) => entry.record))
      .then(
        () => {
          for (const entry of batch) settle(entry);
        },
        (error: unknown) => {
          const failure = toPublishError(error);
          for (const entry of batch) settle(entry, failure);
          failQueuedOfKeys(batch, failure);
        },
      )
      .finally(() => {
        for (const entry of batch) keysInFlight.delete(entry.record.key);
        inFlight--;
        pump();
      });
  }

  /**
   * A record queued behind a failed one of its key fails too: sent now, it would land ahead of the failed
   * record's retry and reorder the key. Its caller retries both, in order (the spool, or the next round).
   */
  function failQueuedOfKeys(failed: readonly Entry[], failure: BridgeError): void {
    const keys = new Set(failed.map((entry) => entry.record.key));
    for (const entry of queue) if (!entry.sent && keys.has(entry.record.key)) settle(entry, failure);
  }

  function pump(): void {
    if (linger !== undefined) clearTimeout(linger);
    linger = undefined;
    while (inFlight < maxInFlightBatches) {
      const batch = take();
      if (batch.length === 0) break;
      dispatch(batch);
    }
    if (inFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }

  function schedule(): void {
    if (inFlight >= maxInFlightBatches || linger !== undefined) return;
    if (queue.length - waiting >= batchMaxRecords || lingerMs <= 0) pump();
    else linger = setTimeout(pump, lingerMs);
  }

  function watch(signal: AbortSignal): void {
    if (watched.has(signal)) return;
    watched.add(signal);
    const withdraw = (): void => {
      deadlines.forEach((entry) => {
        if (entry.signal === signal) giveUp(entry, 'withdrawn');
      });
    };
    signal.addEventListener('abort', withdraw, { once: true });
  }

  function publish(record: OutboundRecord, publishOptions: PublishOptions = {}): Promise<void> {
    const { signal } = publishOptions;
    return new Promise<void>((resolve, reject) => {
      const entry: Entry = { record, startedAt: now(), signal, sent: false, settled: false, resolve, reject };
      live++;
      if (signal?.aborted === true) {
        giveUp(entry, 'withdrawn');
        return;
      }
      if (signal !== undefined) watch(signal);
      deadlines.add(entry);
      queue.push(entry);
      schedule();
    });
  }

  function flush(): Promise<void> {
    if (inFlight === 0 && live === 0) return Promise.resolve();
    const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
    pump();
    return idle;
  }

  return { publish, flush };
}

/**
 * Entries in start order, each expiring `timeoutMs` after its `startedAt`, watched by one timer armed for
 * the oldest unsettled entry. Settled entries at the front are dropped as new ones arrive.
 */
function createDeadlines<T extends { readonly startedAt: number }>(
  timeoutMs: number,
  now: () => number,
  isLive: (entry: T) => boolean,
  expire: (entry: T, reason: 'timeout') => void,
) {
  let entries: T[] = [];
  let head = 0;
  let timer: NodeJS.Timeout | undefined;

  function dropSettled(): void {
    for (let entry = entries[head]; entry !== undefined && !isLive(entry); entry = entries[head]) head++;
    if (head === entries.length) {
      entries = [];
      head = 0;
    } else if (head > 1024 && head * 2 > entries.length) {
      entries = entries.slice(head);
      head = 0;
    }
  }

  function check(): void {
    timer = undefined;
    const cutoff = now() - timeoutMs;
    for (let entry = entries[head]; entry !== undefined; entry = entries[head]) {
      if (isLive(entry)) {
        if (entry.startedAt > cutoff) break;
        expire(entry, 'timeout');
      }
      head++;
    }
    dropSettled();
    const oldest = entries[head];
    if (oldest !== undefined) arm(oldest.startedAt + timeoutMs - now());
  }

  function arm(delayMs: number): void {
    timer = setTimeout(check, Math.max(1, Math.ceil(delayMs)));
  }

  return {
    add(entry: T): void {
      dropSettled();
      entries.push(entry);
      if (timer === undefined) arm(timeoutMs);
    },
    /** Nothing is live: stop the timer (it would keep the process up) until the next add. */
    idle(): void {
      clearTimeout(timer);
      timer = undefined;
    },
    forEach(visit: (entry: T) => void): void {
      for (const entry of entries.slice(head)) if (isLive(entry)) visit(entry);
    },
  };
}
