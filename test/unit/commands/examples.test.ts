import { existsSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyCommandEntry } from '../../../src/commands/command.js';
import { COMMANDS } from '../../../src/commands/table.js';
import { decode } from '../../../src/event/decode.js';
import type { EventBase } from '../../../src/event/event.js';
import type { OutboundRecord } from '../../../src/kafka/event-publisher.js';
import { fixtureFolder, loadCallbackFixtures } from '../../fixtures/callbacks/load-callback-fixtures.js';
import {
  APP_EVENTS,
  CALLBACK_PATH,
  DEAD_LETTERS,
  EVENTS,
  postRaw,
  startHostileApp,
} from '../hostile/hostile-app.js';
import { hasUnsafeNumber, mutate, mutation, type Json } from '../hostile/mutations.js';

/**
 * Every entry of the command table, through the real HTTP app and pipeline: each of its fixtures (Tencent's
 * documented examples and ours) is accepted, published once to its stream's topic under its key, decodes,
 * and rebuilds into the body it came from (the fixture folder's `rebuild.ts`); mutated bodies get 200 or a
 * clear 4xx with a dead letter, never a 5xx.
 */
interface Rebuild {
  readonly rebuild: (event: EventBase) => Json;
  readonly canonical: (body: Json, callbackCommand: string) => Json;
}

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
/** Per command: enough mutations to reach every member of a small body many times over. */
const RUNS = 60;

let app: Awaited<ReturnType<typeof startHostileApp>>;
beforeAll(async () => {
  app = await startHostileApp();
});
afterAll(async () => {
  await app.close();
});

/** Posts a fixture signed for the test app, whose SdkAppid replaces the fixture's. */
async function post(fixtureQuery: Record<string, string>, body: Buffer) {
  app.publisher.clear();
  const query = { ...fixtureQuery };
  delete query['SdkAppid'];
  const response = await postRaw(app.url, `${CALLBACK_PATH}?${app.query('signed', query)}`, body, {
    timeoutMs: 5000,
  });
  const records = [...app.publisher.records];
  return {
    ...response,
    reply: JSON.parse(response.text) as Json,
    events: records.filter((r) => r.topic === EVENTS || r.topic === APP_EVENTS),
    deadLetters: records.filter((r) => r.topic === DEAD_LETTERS),
  };
}

const header = (record: OutboundRecord | undefined, name: string) => record?.headers[name];

const entries: readonly AnyCommandEntry[] = COMMANDS;

describe.each(entries.map((entry) => [entry.command, entry] as const))('%s', (command, entry) => {
  const fixtures = loadCallbackFixtures(command);
  const rebuildOf = async () => (await import(`${fixtureFolder(command)}rebuild.ts`)) as Rebuild;

  it('has fixtures, a rebuild, a schema and golden events', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    expect(existsSync(`${fixtureFolder(command)}rebuild.ts`)).toBe(true);
    expect(existsSync(`schemas/${entry.subject}/v1.avsc`)).toBe(true);
    expect(readdirSync(`test/golden/${entry.subject}/v1`).some((f) => f.endsWith('.json'))).toBe(true);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    'publishes %s once, decodably, and rebuilds its body from the event',
    async (_name, fixture) => {
      const { rebuild, canonical } = await rebuildOf();
      const response = await post(fixture.query, Buffer.from(JSON.stringify(fixture.body)));
      expect([response.status, response.reply]).toEqual([200, OK]);
      expect(response.deadLetters).toEqual([]);
      expect(response.events).toHaveLength(1);
      const [record] = response.events;
      expect(record?.topic).toBe(entry.stream === 'group' ? EVENTS : APP_EVENTS);
      const event = decode(record?.value ?? Buffer.alloc(0));
      expect(record?.key).toBe(entry.key(event));
      expect(header(record, 'ce_type')).toBe(event.eventType);
      expect(header(record, 'ce_id')).toBe(event.eventId);
      expect(event.source.callbackCommand).toBe(command);
      expect(JSON.parse(JSON.stringify(rebuild(event)))).toEqual(canonical(fixture.body, command));

      const again = await post(fixture.query, Buffer.from(JSON.stringify(fixture.body)));
      expect(decode(again.events[0]?.value ?? Buffer.alloc(0)).eventId).toBe(event.eventId);
    },
  );

  it('answers a fixture with a member deleted, replaced, retyped or added at any depth: 200 or a clear 4xx', async () => {
    const { rebuild, canonical } = await rebuildOf();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fixtures), mutation, async (fixture, change) => {
        const body = mutate(fixture.body, change);
        const bytes = Buffer.from(JSON.stringify(body), 'utf8');
        const response = await post(fixture.query, bytes);
        expect([200, 400, 413, 422]).toContain(response.status);
        if (response.status === 200) {
          expect(response.events).toHaveLength(1);
          if (hasUnsafeNumber(body)) return;
          const event = decode(response.events[0]?.value ?? Buffer.alloc(0));
          expect(JSON.parse(JSON.stringify(rebuild(event)))).toEqual(canonical(body, command));
          return;
        }
        expect(response.reply['ErrorInfo']).toMatch(
          /^(MALFORMED_BODY|INVALID_CALLBACK|BODY_TOO_LARGE)( at \/.*)?: \S/s,
        );
        expect(response.events).toEqual([]);
        if (response.status === 413) return;
        expect(response.deadLetters).toHaveLength(1);
        expect(response.deadLetters[0]?.value.equals(bytes)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
