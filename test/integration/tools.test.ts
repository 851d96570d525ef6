// The command-line tools follow the table: `npm run replay` posts the fixtures of every command, signed, to
// the real bridge, and `npm run tail` prints every event type that arrives, readably.
import { execFile, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../src/bridge.js';
import { COMMANDS } from '../../src/commands/table.js';
import { createTestTopic, kafkaBrokers } from './kafka-harness.js';
import { startTestBridge, TEST_SDKAPPID, TEST_TOKEN } from './support/bridge-harness.js';

const run = promisify(execFile);
const tsx = 'node_modules/.bin/tsx';
const fixturesDir = 'test/fixtures/callbacks';

/** Every fixture file of every command, as replay walks them. */
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? fixtureFiles(path) : entry.endsWith('.json') ? [path] : [];
  });
}

let topic: string;
let bridge: RunningBridge;

beforeAll(async () => {
  topic = await createTestTopic('tools', 3);
  bridge = await startTestBridge({
    BRIDGE_KAFKA_TOPIC: topic,
    BRIDGE_KAFKA_APP_TOPIC: `${topic}.app`,
    BRIDGE_DLQ_TOPIC: `${topic}.dlq`,
    BRIDGE_KAFKA_AUTO_CREATE_TOPICS: 'true',
  });
});

afterAll(async () => {
  await bridge.stop();
});

/** Runs tail until it printed `count` lines (or 60 s passed), then stops it. */
function tailLines(args: readonly string[], count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['src/cli/tail.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      lines.push(...complete.filter((line) => line !== ''));
      if (lines.length >= count) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      if (lines.length < count)
        reject(new Error(`tail printed ${lines.length} of ${count} lines\n${stderr}`));
      else resolve(lines);
    });
  });
}

describe('npm run replay and npm run tail', () => {
  it('replay posts every fixture of every command and tail prints each event type readably', async () => {
    const files = fixtureFiles(fixturesDir);
    const { stdout } = await run(
      tsx,
      [
        'src/cli/replay.ts',
        '--url',
        `${bridge.url}/callbacks/tencent-im`,
        '--token',
        TEST_TOKEN,
        '--sdkappid',
        TEST_SDKAPPID,
      ],
      { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout.trim().split('\n').at(-1)).toBe(`${files.length} accepted, 0 refused`);
    for (const entry of COMMANDS) expect(stdout).toContain(`${fixturesDir}/${entry.command}/`);

    const groupFiles = files.filter((file) =>
      COMMANDS.some((entry) => entry.stream === 'group' && file.includes(`/${entry.command}/`)),
    ).length;
    const brokers = kafkaBrokers().join(',');
    const readable = await tailLines(
      ['--brokers', brokers, '--topic', topic, '--from', 'earliest'],
      groupFiles,
    );
    const types = new Set(readable.map((line) => line.split(' ')[2]));
    expect(types.size).toBe(COMMANDS.filter((e) => e.stream === 'group').length);
    for (const line of readable)
      expect(line.slice(0, 300)).toMatch(/^\d+@\d+ \d{4}-\d\d-\d\dT\S+Z [a-z.]+ \S+ \{/);

    const json = await tailLines(['--brokers', brokers, '--topic', topic, '--from', 'earliest', '--json'], 1);
    expect(JSON.parse(json[0] ?? '{}')).toMatchObject({
      partition: expect.any(Number) as number,
      event: { eventId: expect.any(String) as string },
    });
  });
});
