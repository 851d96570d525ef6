/** What the spool and the durable publisher report; adapters live with the metrics library. */
export interface SpoolMetrics {
  /** Records and bytes held, after every change. */
  spoolDepth(records: number, bytes: number): void;
  /** One append transaction (one fsync) committed holding this many records. */
  appendGroup(records: number): void;
  /** Records written to the spool instead of straight to Kafka, and why. */
  spooled(records: number, reason: SpoolReason): void;
  /** Records the forwarder moved from the spool to Kafka. */
  forwarded(records: number): void;
  /** Records dropped by the dedup window. */
  deduplicated(records: number): void;
}

export type SpoolReason = 'backlog' | 'kafka-down' | 'in-flight-cap' | 'kafka-failed' | 'taken-over';

export const noopSpoolMetrics: SpoolMetrics = {
  spoolDepth: () => undefined,
  appendGroup: () => undefined,
  spooled: () => undefined,
  forwarded: () => undefined,
  deduplicated: () => undefined,
};
