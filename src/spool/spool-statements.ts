import type { Database } from 'better-sqlite3';
import type { OutboundRecord } from '../kafka/event-publisher.js';
import type { SpooledRecord, SpoolDepth } from './spool.js';

const schema = `
  CREATE TABLE IF NOT EXISTS records (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    topic      TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    value      BLOB    NOT NULL,
    headers    TEXT    NOT NULL,
    spooled_at INTEGER NOT NULL,
    size       INTEGER NOT NULL
  )`;

interface Row {
  readonly id: number;
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: string;
  readonly spooled_at: number;
}

export interface SpoolStatements {
  insertAll(records: readonly OutboundRecord[], spooledAt: number): void;
  peek(limit: number): SpooledRecord[];
  removeUpTo(id: number): { records: number; bytes: number };
  measure(): { records: number; bytes: number };
}

/** The bytes a record counts for against maxBytes: payload plus its strings, roughly what SQLite stores. */
export function recordSize(record: OutboundRecord): number {
  return sizeWithHeaders(record, JSON.stringify(record.headers));
}

function sizeWithHeaders(record: OutboundRecord, headersJson: string): number {
  return (
    record.value.length +
    Buffer.byteLength(record.key) +
    Buffer.byteLength(record.topic) +
    Buffer.byteLength(headersJson)
  );
}

/** AUTOINCREMENT: ids never go back, even after the spool was emptied, so "remove up to id" stays exact. */
export function createSpoolStatements(db: Database): SpoolStatements {
  db.exec(schema);
  const insert = db.prepare(
    'INSERT INTO records (topic, key, value, headers, spooled_at, size) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[number], Row>(
    'SELECT id, topic, key, value, headers, spooled_at FROM records ORDER BY id LIMIT ?',
  );
  const sizeUpTo = db.prepare<[number], { records: number; bytes: number }>(
    'SELECT COUNT(*) AS records, COALESCE(SUM(size), 0) AS bytes FROM records WHERE id <= ?',
  );
  const deleteUpTo = db.prepare('DELETE FROM records WHERE id <= ?');
  const sizeAll = db.prepare<[], { records: number; bytes: number }>(
    'SELECT COUNT(*) AS records, COALESCE(SUM(size), 0) AS bytes FROM records',
  );
  const insertAll = db.transaction((records: readonly OutboundRecord[], spooledAt: number) => {
    for (const record of records) {
      const headersJson = JSON.stringify(record.headers);
      const size = sizeWithHeaders(record, headersJson);
      insert.run(record.topic, record.key, record.value, headersJson, spooledAt, size);
    }
  });
  const removeUpTo = db.transaction((id: number) => {
    const removed = sizeUpTo.get(id) ?? { records: 0, bytes: 0 };
    deleteUpTo.run(id);
    return removed;
  });
  return {
    insertAll: (records, spooledAt) => {
      insertAll(records, spooledAt);
    },
    peek: (limit) => select.all(limit).map(toSpooled),
    removeUpTo: (id) => removeUpTo(id),
    measure: (): SpoolDepth => sizeAll.get() ?? { records: 0, bytes: 0 },
  };
}

function toSpooled(row: Row): SpooledRecord {
  const headers = JSON.parse(row.headers) as Record<string, string>;
  return {
    id: row.id,
    record: { topic: row.topic, key: row.key, value: row.value, headers },
    spooledAt: row.spooled_at,
  };
}
