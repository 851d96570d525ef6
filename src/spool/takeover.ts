import type { BridgeError } from '../errors.js';
import type { OutboundRecord } from '../kafka/event-publisher.js';
import type { Logger } from '../logger.js';
import type { Spool } from './spool.js';
import type { SpoolMetrics, SpoolReason } from './spool-metrics.js';

/** A record on its way to Kafka. Settles once Kafka acked it or the spool stored it, whichever is first. */
export interface InFlight {
  readonly record: OutboundRecord;
  /** Monotonic milliseconds, for the publish deadline. */
  readonly startedAt: number;
  /**
   * Withdraws the record from the Kafka queue. Shared by every record tracked since the last takeover: a
   * takeover takes exactly those, so one abort withdraws them all.
   */
  readonly signal: AbortSignal;
  takenOver: boolean;
  kafka: 'pending' | 'acked' | 'failed';
  spool: 'none' | 'pending' | 'stored' | 'failed';
  spoolError: BridgeError | undefined;
  settled: boolean;
  readonly resolve: () => void;
  readonly reject: (error: BridgeError) => void;
}

export interface Takeover {
  track(
    record: OutboundRecord,
    startedAt: number,
    resolve: () => void,
    reject: (error: BridgeError) => void,
  ): InFlight;
  kafkaAcked(entry: InFlight): void;
  kafkaFailed(entry: InFlight): void;
  /** Appends every record still in flight (publish order), then `records`, in one append. */
  spool(records: readonly OutboundRecord[], reason: SpoolReason): Promise<void>;
  inFlight(): number;
  /** The longest-tracked record not taken over yet, if any. */
  oldestPending(): InFlight | undefined;
  /** Resolves once nothing is in flight. */
  settled(): Promise<void>;
}

interface TakeoverOptions {
  readonly spool: Spool;
  readonly logger: Logger;
  readonly metrics: SpoolMetrics;
  readonly onAppended: () => void;
}

/** The bookkeeping behind the durable publisher's ordering rule (see durable-publisher.ts). */
export function createTakeover({ spool, logger, metrics, onAppended }: TakeoverOptions): Takeover {
  /** In track order: a Set iterates in insertion order. */
  const inFlight = new Set<InFlight>();
  let withdraw = new AbortController();
  let idle: (() => void)[] = [];

  function decide(entry: InFlight): void {
    if (entry.settled) return;
    if (entry.kafka === 'acked' || entry.spool === 'stored') {
      finish(entry);
      entry.resolve();
    } else if (entry.kafka === 'failed' && entry.spool === 'failed' && entry.spoolError !== undefined) {
      finish(entry);
      entry.reject(entry.spoolError);
    }
  }

  function finish(entry: InFlight): void {
    entry.settled = true;
    inFlight.delete(entry);
    if (inFlight.size > 0) return;
    const waiters = idle;
    idle = [];
    for (const wake of waiters) wake();
  }

  return {
    track(record, startedAt, resolve, reject) {
      const entry: InFlight = {
        record,
        startedAt,
        signal: withdraw.signal,
        takenOver: false,
        kafka: 'pending',
        spool: 'none',
        spoolError: undefined,
        settled: false,
        resolve,
        reject,
      };
      inFlight.add(entry);
      return entry;
    },
    kafkaAcked(entry) {
      entry.kafka = 'acked';
      decide(entry);
    },
    kafkaFailed(entry) {
      entry.kafka = 'failed';
      decide(entry);
    },
    spool(records, reason) {
      const taken = [...inFlight].filter((entry) => !entry.takenOver);
      for (const entry of taken) {
        entry.takenOver = true;
        entry.spool = 'pending';
      }
      if (taken.length > 0) {
        withdraw.abort();
        withdraw = new AbortController();
      }
      if (taken.length > 0) metrics.spooled(taken.length, 'taken-over');
      if (records.length > 0) metrics.spooled(records.length, reason);
      const appended = spool.append([...taken.map((entry) => entry.record), ...records]);
      const stored = appended.then(
        () => {
          for (const entry of taken) {
            entry.spool = 'stored';
            decide(entry);
          }
          onAppended();
        },
        (error: unknown) => {
          logger.warn(
            { err: error, records: taken.length + records.length, reason },
            'spool refused records',
          );
          for (const entry of taken) {
            entry.spool = 'failed';
            entry.spoolError = error as BridgeError;
            decide(entry);
          }
          throw error;
        },
      );
      return stored;
    },
    inFlight: () => inFlight.size,
    oldestPending() {
      for (const entry of inFlight) if (!entry.takenOver) return entry;
      return undefined;
    },
    settled: () =>
      inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve)),
  };
}
