import Database from 'better-sqlite3';
import { BridgeError } from '../errors.js';
import type { OutboundRecord } from '../kafka/event-publisher.js';
import type { Logger } from '../logger.js';
import { noopSpoolMetrics, type SpoolMetrics } from './spool-metrics.js';
import { createSpoolStatements, recordSize, type SpoolStatements } from './spool-statements.js';

export interface SpoolOptions {
  /** The SQLite file; its folder must exist. ':memory:' for tests that do not need durability. */
  readonly path: string;
  /** Appends that would take the spool past this many bytes are refused. */
  readonly maxBytes: number;
  readonly logger: Logger;
  readonly metrics?: SpoolMetrics;
  /** Wall-clock milliseconds, stored as the time spooled. Default Date.now. */
  readonly now?: () => number;
}

export interface SpooledRecord {
  /** Increases with append order; pass the last one forwarded to remove(). */
  readonly id: number;
  readonly record: OutboundRecord;
  readonly spooledAt: number;
}

export interface SpoolDepth {
  readonly records: number;
  /** Sum of record sizes (value, key, topic, headers), the figure maxBytes is compared with. */
  readonly bytes: number;
}

/** A durable FIFO of outbound records on local disk (SQLite, WAL, synchronous=FULL). */
export interface Spool {
  /**
   * Resolves once the records are committed and fsync'd, in call order. Calls made in the same event-loop
   * turn share one transaction (one fsync). Rejects with OVERLOADED (retriable) when the records would take
   * the spool past maxBytes — checked at call time, nothing is written — and with PUBLISH_FAILED
   * (retriable) when the disk write fails; nothing of that call is stored then.
   */
  append(records: readonly OutboundRecord[]): Promise<void>;
  /** The oldest `limit` records, oldest first. */
  peek(limit: number): SpooledRecord[];
  /** Deletes every record with id ≤ upToId. */
  remove(upToId: number): void;
  /** Cheap: kept in memory, includes appends accepted but not yet committed. */
  depth(): SpoolDepth;
  /** Commits what is pending, then closes the file. */
  close(): Promise<void>;
}

interface PendingAppend {
  readonly records: readonly OutboundRecord[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: BridgeError) => void;
}

export function openSpool(options: SpoolOptions): Spool {
  const { path, maxBytes, logger, metrics = noopSpoolMetrics, now = Date.now } = options;
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: the WAL is fsync'd at every commit, so a committed append survives power loss, not just SIGKILL.
  db.pragma('synchronous = FULL');
  const statements: SpoolStatements = createSpoolStatements(db);
  const depth = statements.measure();
  let pending: PendingAppend[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  let closed = false;

  const report = (): void => {
    metrics.spoolDepth(depth.records, depth.bytes);
  };
  report();

  function commit(): void {
    scheduled = undefined;
    const group = pending;
    pending = [];
    if (group.length === 0) return;
    const records = group.flatMap((append) => append.records);
    try {
      statements.insertAll(records, now());
    } catch (error) {
      for (const append of group) {
        depth.records -= append.records.length;
        depth.bytes -= append.bytes;
      }
      report();
      logger.error({ err: error, records: records.length }, 'spool append failed');
      const failure = new BridgeError('PUBLISH_FAILED', 'the spool could not store the record', {
        retriable: true,
        cause: error,
      });
      for (const append of group) append.reject(failure);
      return;
    }
    metrics.appendGroup(records.length);
    for (const append of group) append.resolve();
  }

  return {
    append(records) {
      if (closed) return Promise.reject(new BridgeError('SHUTTING_DOWN', 'the spool is closed'));
      const bytes = records.reduce((sum, record) => sum + recordSize(record), 0);
      if (depth.bytes + bytes > maxBytes) {
        const details = { maxBytes, bytes: depth.bytes, records: depth.records };
        return Promise.reject(
          new BridgeError('OVERLOADED', 'the spool is full', { retriable: true, details }),
        );
      }
      depth.records += records.length;
      depth.bytes += bytes;
      report();
      return new Promise<void>((resolve, reject) => {
        pending.push({ records, bytes, resolve, reject });
        scheduled ??= setImmediate(commit);
      });
    },
    peek: (limit) => statements.peek(limit),
    remove(upToId) {
      const removed = statements.removeUpTo(upToId);
      depth.records -= removed.records;
      depth.bytes -= removed.bytes;
      report();
    },
    depth: () => ({ ...depth }),
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      if (scheduled !== undefined) clearImmediate(scheduled);
      commit();
      db.close();
      return Promise.resolve();
    },
  };
}
