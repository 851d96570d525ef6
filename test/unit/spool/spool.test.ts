import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundRecord } from '../../../src/kafka/event-publisher.js';
import { silentLogger } from '../../../src/logger.js';
import { openSpool, type Spool } from '../../../src/spool/spool.js';
import { noopSpoolMetrics } from '../../../src/spool/spool-metrics.js';

const folders: string[] = [];
const spools: Spool[] = [];

function spoolFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'spool-test-'));
  folders.push(folder);
  return join(folder, 'spool.db');
}

function open(path: string, maxBytes = 1e9, appendGroups: number[] = []): Spool {
  const metrics = { ...noopSpoolMetrics, appendGroup: (n: number) => appendGroups.push(n) };
  const spool = openSpool({ path, maxBytes, logger: silentLogger, metrics, now: () => 1_700_000_000_000 });
  spools.push(spool);
  return spool;
}

function record(key: string, n: number): OutboundRecord {
  return { topic: 'events', key, value: Buffer.from([n, 0xff]), headers: { ce_id: `${key}-${n}` } };
}

afterEach(async () => {
  await Promise.all(spools.splice(0).map((spool) => spool.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('spool/spool', () => {
  it('returns appended records oldest first with every field and the time spooled', async () => {
    const spool = open(spoolFile());
    await spool.append([record('a', 1), record('b', 2)]);
    await spool.append([record('a', 3)]);
    const peeked = spool.peek(10);
    expect(peeked.map((s) => s.record)).toEqual([record('a', 1), record('b', 2), record('a', 3)]);
    expect(peeked.map((s) => s.spooledAt)).toEqual([1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_000]);
    expect(spool.peek(2)).toHaveLength(2);
  });

  it('removes up to an id and keeps depth in step', async () => {
    const spool = open(spoolFile());
    await spool.append([record('a', 1), record('a', 2), record('a', 3)]);
    const before = spool.depth();
    const [first, second] = spool.peek(2);
    spool.remove(second?.id ?? 0);
    expect(spool.peek(10).map((s) => s.record)).toEqual([record('a', 3)]);
    expect(spool.depth().records).toBe(1);
    expect(spool.depth().bytes).toBe(before.bytes / 3);
    expect(first?.id).toBeLessThan(second?.id ?? 0);
  });

  it('shares one transaction between appends made in the same turn', async () => {
    const groups: number[] = [];
    const spool = open(spoolFile(), 1e9, groups);
    await Promise.all(Array.from({ length: 50 }, (_, i) => spool.append([record('k', i)])));
    expect(groups).toEqual([50]);
  });

  it('refuses with OVERLOADED an append that would pass maxBytes, and stores nothing of it', async () => {
    const spool = open(spoolFile(), 100);
    await spool.append([record('a', 1)]);
    const big = { ...record('a', 2), value: Buffer.alloc(200) };
    await expect(spool.append([record('a', 3), big])).rejects.toMatchObject({
      code: 'OVERLOADED',
      retriable: true,
    });
    expect(spool.peek(10).map((s) => s.record)).toEqual([record('a', 1)]);
    expect(spool.depth().records).toBe(1);
  });

  it('finds the records again, with the same depth, after reopening', async () => {
    const path = spoolFile();
    const first = open(path);
    await first.append([record('a', 1), record('b', 2)]);
    const depth = first.depth();
    await first.close();
    const again = open(path);
    expect(again.depth()).toEqual(depth);
    expect(again.peek(10).map((s) => s.record)).toEqual([record('a', 1), record('b', 2)]);
  });

  it('keeps every append that resolved when the process is SIGKILLed right after', async () => {
    const path = spoolFile();
    const fixture = join(import.meta.dirname, 'fixtures/append-then-wait.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, path, '500'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('appended')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => {
        reject(new Error(`child exited early with ${String(code)}`));
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');
    const spool = open(path);
    const values = spool.peek(1000).map((s) => Number(s.record.value.toString()));
    expect(values).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(spool.depth().records).toBe(500);
  });
});
