import type { Logger } from '../logger.js';
import type { DirectPublisher } from './direct-publisher.js';
import type { Spool } from './spool.js';
import type { SpoolMetrics } from './spool-metrics.js';

export interface ForwarderOptions {
  readonly spool: Spool;
  readonly kafka: DirectPublisher;
  readonly logger: Logger;
  readonly metrics: SpoolMetrics;
  /** Records per round. */
  readonly batchRecords: number;
  /** Wait after a failed round, doubled up to maxBackoffMs while Kafka stays down. */
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export interface Forwarder {
  /** Something was appended: look again now rather than at the next poll. */
  wake(): void;
  /** Finishes the round in progress (its records are removed only if acknowledged), then stops. */
  stop(): Promise<void>;
}

/**
 * Drains the spool into Kafka oldest first, one round at a time. A round publishes up to `batchRecords`
 * records concurrently (the Kafka publisher batches them and keeps their order per key), waits for every
 * outcome, and removes the acknowledged prefix only; the rest is sent again next round (at least once).
 */
export function startForwarder(options: ForwarderOptions): Forwarder {
  const { spool, kafka, logger, metrics, batchRecords, initialBackoffMs, maxBackoffMs } = options;
  const state = { stopping: false };
  let backoff = initialBackoffMs;
  let sleeping: { readonly end: () => void; readonly wakeable: boolean } | undefined;

  /** Sleeps; stop() ends any sleep, wake() only one that waits for new records (not a backoff). */
  const pause = (ms: number, wakeable: boolean): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(end, ms);
      function end(): void {
        clearTimeout(timer);
        sleeping = undefined;
        resolve();
      }
      sleeping = { end, wakeable };
    });

  async function round(): Promise<void> {
    const batch = spool.peek(batchRecords);
    if (batch.length === 0) return pause(1000, true);
    const outcomes = await Promise.allSettled(batch.map(({ record }) => kafka.publish(record)));
    const acked = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    const prefix = acked === -1 ? batch.length : acked;
    const last = batch[prefix - 1];
    if (last !== undefined) {
      spool.remove(last.id);
      metrics.forwarded(prefix);
    }
    if (prefix === batch.length) {
      backoff = initialBackoffMs;
      return undefined;
    }
    const failure = outcomes[prefix];
    const reason: unknown = failure?.status === 'rejected' ? failure.reason : undefined;
    logger.warn(
      { err: reason, backlog: spool.depth().records, retryInMs: backoff },
      'spool forwarding paused',
    );
    const wait = backoff;
    backoff = Math.min(backoff * 2, maxBackoffMs);
    // A new append must not cut the backoff short while Kafka is down.
    return pause(wait, false);
  }

  const running = (async () => {
    while (!state.stopping) {
      try {
        await round();
      } catch (error) {
        logger.error({ err: error }, 'spool forwarder round failed');
        await pause(maxBackoffMs, false);
      }
    }
  })();

  return {
    wake() {
      if (sleeping?.wakeable === true) sleeping.end();
    },
    async stop() {
      state.stopping = true;
      sleeping?.end();
      await running;
    },
  };
}
