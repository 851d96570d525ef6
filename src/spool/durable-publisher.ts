import { BridgeError } from '../errors.js';
import type { EventPublisher, OutboundRecord } from '../kafka/event-publisher.js';
import type { Logger } from '../logger.js';
import { createDedupWindow } from './dedup-window.js';
import type { DirectPublisher } from './direct-publisher.js';
import { startForwarder, type Forwarder } from './forwarder.js';
import type { Spool } from './spool.js';
import { noopSpoolMetrics, type SpoolMetrics, type SpoolReason } from './spool-metrics.js';
import { createTakeover, type InFlight } from './takeover.js';

export interface DurablePublisherOptions {
  /** Owned from here on: close() closes it. */
  readonly kafka: DirectPublisher;
  /** Owned from here on: close() closes it. */
  readonly spool: Spool;
  readonly logger: Logger;
  readonly metrics?: SpoolMetrics;
  /** A record not acknowledged by Kafka by then is spooled instead. Default 1000 ms (Tencent waits 2 s). */
  readonly publishTimeoutMs?: number;
  /** Records on their way to Kafka at once; beyond that new records are spooled. Default 10,000. */
  readonly maxInFlightRecords?: number;
  /** Drop a record whose dedup key was seen this recently (0 = off, the default). */
  readonly dedupWindowMs?: number;
  /** Bound on the keys the dedup window remembers. Default 100,000. */
  readonly dedupMaxKeys?: number;
  /** Default: the `ce_id` header (the event id). Records without a key are never dropped. */
  readonly dedupKey?: (record: OutboundRecord) => string | undefined;
  /** Records per forwarding round. Default 500. */
  readonly forwardBatchRecords?: number;
  readonly forwardBackoffMs?: { readonly initial: number; readonly max: number };
  /** Monotonic milliseconds for the dedup window and the publish deadline. Default performance.now. */
  readonly now?: () => number;
}

export interface DurablePublisher extends EventPublisher {
  /**
   * Starts forwarding what the spool holds (also what survived a crash) before anything newer: call it at
   * boot, before the HTTP server accepts traffic. publish() keeps order even before start(), by spooling.
   */
  start(): void;
}

/**
 * The EventPublisher used when the spool is enabled. publish() resolves once the record is durable —
 * acknowledged by Kafka (acks=-1) or fsync'd in the spool — and rejects (OVERLOADED when the spool is full,
 * PUBLISH_FAILED when it cannot write, SHUTTING_DOWN after close) only when it is neither.
 *
 * Ordering guarantee, per key: the order of first appearance on the topic is the publish order; a record
 * may appear again later (a duplicate of an earlier one, same event id), never zero times once accepted.
 * How: while the spool holds anything, new records go behind it. The moment one record has to be spooled
 * (Kafka failed or was too slow, Kafka is down, or the in-flight cap is reached), every record still on its
 * way to Kafka is taken over: withdrawn from the Kafka queue if not yet sent, and appended to the spool in
 * publish order ahead of the new one, in the same transaction. Only records already on the wire can still
 * land (several batches may be in flight), and each lands before the forwarder's copy of it and anything
 * after it with the same key: the Kafka publisher sends no record while an earlier one with its key is in
 * an unsettled batch, and the forwarder sends through that same publisher.
 *
 * Deadlines: one timer, armed for the oldest record still on its way; when it expires, that record and
 * every later one are taken over (as each record's own timer would have done first).
 */
export function createDurablePublisher(options: DurablePublisherOptions): DurablePublisher {
  const { kafka, spool, logger, metrics = noopSpoolMetrics } = options;
  const publishTimeoutMs = options.publishTimeoutMs ?? 1000;
  const maxInFlight = options.maxInFlightRecords ?? 10_000;
  const dedupKey = options.dedupKey ?? ((record: OutboundRecord) => record.headers['ce_id']);
  const now = options.now ?? (() => performance.now());
  const dedup =
    (options.dedupWindowMs ?? 0) > 0
      ? createDedupWindow(options.dedupWindowMs ?? 0, options.dedupMaxKeys ?? 100_000, now)
      : undefined;
  const takeover = createTakeover({ spool, logger, metrics, onAppended: () => forwarder?.wake() });
  let forwarder: Forwarder | undefined;
  let closing = false;
  let deadline: NodeJS.Timeout | undefined;

  // The records' own promises report a spool failure; this one only needs handling.
  function giveUp(): void {
    takeover.spool([], 'kafka-failed').catch(() => undefined);
  }

  function checkDeadline(): void {
    deadline = undefined;
    const oldest = takeover.oldestPending();
    if (oldest === undefined) return;
    const left = oldest.startedAt + publishTimeoutMs - now();
    if (left > 0) deadline = setTimeout(checkDeadline, Math.ceil(left));
    else giveUp();
  }

  function reasonToSpool(): SpoolReason | undefined {
    if (spool.depth().records > 0) return 'backlog';
    if (!kafka.isConnected()) return 'kafka-down';
    if (takeover.inFlight() >= maxInFlight) return 'in-flight-cap';
    return undefined;
  }

  function toKafka(record: OutboundRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const entry: InFlight = takeover.track(record, now(), resolve, reject);
      deadline ??= setTimeout(checkDeadline, publishTimeoutMs);
      kafka.publish(record, { signal: entry.signal }).then(
        () => {
          takeover.kafkaAcked(entry);
        },
        () => {
          takeover.kafkaFailed(entry);
          if (!entry.takenOver) giveUp();
        },
      );
    });
  }

  function publishOne(record: OutboundRecord): Promise<void> {
    const reason = reasonToSpool();
    if (reason === undefined) return toKafka(record);
    return takeover.spool([record], reason);
  }

  return {
    start() {
      forwarder ??= startForwarder({
        spool,
        kafka,
        logger,
        metrics,
        batchRecords: options.forwardBatchRecords ?? 500,
        initialBackoffMs: options.forwardBackoffMs?.initial ?? 100,
        maxBackoffMs: options.forwardBackoffMs?.max ?? 5000,
      });
    },
    publish(record) {
      if (closing) return Promise.reject(new BridgeError('SHUTTING_DOWN', 'the publisher is closing'));
      const key = dedup === undefined ? undefined : dedupKey(record);
      if (dedup === undefined || key === undefined) return publishOne(record);
      const { duplicate, outcome } = dedup.admit(key, () => publishOne(record));
      if (duplicate) metrics.deduplicated(1);
      return outcome;
    },
    async close() {
      closing = true;
      await takeover.settled();
      clearTimeout(deadline);
      await forwarder?.stop();
      await kafka.close();
      await spool.close();
    },
  };
}
