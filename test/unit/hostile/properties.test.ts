import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_SEND_MSG } from '../../../src/callback/after-send-msg.js';
import { decode } from '../../../src/event/decode.js';
import { canonicalBody, toTencentBody } from '../../fixtures/callbacks/to-tencent-body.js';
import { tencentBody } from '../../fixtures/callbacks/tencent-body.arbitrary.js';
import { CALLBACK_PATH, DEAD_LETTERS, EVENTS, postRaw, startHostileApp } from './hostile-app.js';

type Json = Record<string, unknown>;
type Container = Json | unknown[];

/** 300 runs each keeps the three properties at a few seconds in the unit suite. */
const RUNS = 300;

/** Whether the bridge refuses this value's numbers by design (beyond ±(2^53 − 1): JSON.parse may round). */
function hasUnsafeNumber(value: unknown): boolean {
  if (typeof value === 'number')
    return !Number.isSafeInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(hasUnsafeNumber);
}

/** Every member and element of a JSON value at any depth, as (container, key) pairs, in document order. */
function slots(value: unknown, found: [Container, string | number][] = []): [Container, string | number][] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push([value, index]);
      slots(item, found);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      found.push([value as Json, key]);
      slots((value as Json)[key], found);
    }
  }
  return found;
}

/** Sets a member as an own data property, so `__proto__` is a member and never the prototype. */
function put(container: Container, key: string | number, value: unknown): void {
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

const nested = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels)) as unknown;
/** Values chosen to break types, ranges, sizes and depth, besides any JSON value. */
const hostileValue = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  fc.constantFrom(null, true, '', '123', -1, 1.5, 4294967296, 9007199254740991, {}, []),
  fc.constantFrom('x'.repeat(70_000), 'x'.repeat(300_000), nested(700), nested(100)),
  fc.constantFrom(
    Array.from({ length: 12_000 }, () => 0),
    { __proto__: null, constructor: { prototype: {} } },
  ),
);

type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'insert'; pick: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }),
  fc.record({
    kind: fc.constant('insert' as const),
    pick: fc.nat(),
    key: fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'GroupId', 'MsgType', 'MsgBody'),
      fc.string(),
    ),
    value: hostileValue,
  }),
);

/** Applies a mutation to a copy of `body` at the `pick`-th slot (the body itself when it has none). */
function mutate(body: Json, change: Mutation): Json {
  const copy = JSON.parse(JSON.stringify(body)) as Json;
  const all = slots(copy);
  const [container, key] = all[change.pick % Math.max(all.length, 1)] ?? [copy, 'GroupId'];
  if (change.kind === 'delete') {
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else Reflect.deleteProperty(container, key);
  } else if (change.kind === 'replace') {
    put(container, key, change.value);
  } else {
    const target: unknown = Array.isArray(container) ? container : (container[key] ?? container);
    if (Array.isArray(target)) target.push(change.value);
    else if (typeof target === 'object' && target !== null) put(target as Json, change.key, change.value);
    else put(container, change.key, change.value);
  }
  return copy;
}

type ByteMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'splice'; at: number; bytes: Uint8Array };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }),
  }),
);

function mutateBytes(bytes: Buffer, change: ByteMutation): Buffer {
  const at = change.at % (bytes.length + 1);
  if (change.kind === 'truncate') return bytes.subarray(0, at);
  if (change.kind === 'splice')
    return Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at)]);
  const copy = Buffer.from(bytes);
  const index = Math.min(at, copy.length - 1);
  copy[index] = (copy[index] ?? 0) ^ change.xor;
  return copy;
}

describe('properties of the bridge over generated and mutated callbacks', () => {
  let app: Awaited<ReturnType<typeof startHostileApp>>;
  beforeAll(async () => {
    app = await startHostileApp();
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(bytes: Buffer) {
    app.publisher.clear();
    const response = await postRaw(app.url, `${CALLBACK_PATH}?${app.query('signed')}`, bytes, {
      timeoutMs: 5000,
    });
    return {
      ...response,
      reply: JSON.parse(response.text) as Json,
      events: app.publisher.records.filter((record) => record.topic === EVENTS),
      deadLetters: app.publisher.records.filter((record) => record.topic === DEAD_LETTERS),
    };
  }

  /** 200 with a lossless event, or a clear 4xx with a dead letter of the exact bytes; never anything else. */
  async function answersSanely(bytes: Buffer): Promise<void> {
    const response = await post(bytes);
    expect(response.elapsedMs).toBeLessThan(2000);
    expect([200, 400, 413, 422]).toContain(response.status);
    if (response.status === 200) {
      expect(response.reply).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
      expect(response.events).toHaveLength(1);
      const rebuilt = toTencentBody(decode(response.events[0]?.value ?? Buffer.alloc(0)));
      const sent = JSON.parse(bytes.toString('utf8')) as Json;
      // Through JSON on both sides: JSON itself does not tell -0 from 0.
      expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(canonicalBody(sent, AFTER_SEND_MSG));
      return;
    }
    expect(response.reply).toEqual({
      ActionStatus: 'FAIL',
      ErrorCode: response.status * 10,
      ErrorInfo: expect.stringMatching(
        /^(MALFORMED_BODY|INVALID_CALLBACK|BODY_TOO_LARGE)( at \/.*)?: \S/s,
      ) as unknown,
    });
    expect(response.events).toEqual([]);
    if (response.status === 413) return;
    expect(response.deadLetters).toHaveLength(1);
    expect(response.deadLetters[0]?.value.equals(bytes)).toBe(true);
  }

  it('(a) accepts every documented callback and publishes an event from which the body can be rebuilt', async () => {
    await fc.assert(
      // The fixture arbitrary puts any JSON number in undocumented members; the bridge refuses the unsafe ones.
      fc.asyncProperty(tencentBody, async (body) => {
        fc.pre(!hasUnsafeNumber(body));
        const response = await post(Buffer.from(JSON.stringify(body), 'utf8'));
        expect([response.status, response.reply]).toEqual([
          200,
          { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
        ]);
        expect(response.events).toHaveLength(1);
        const event = decode(response.events[0]?.value ?? Buffer.alloc(0));
        expect(toTencentBody(event)).toEqual(canonicalBody(body, AFTER_SEND_MSG));
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) answers a callback with a member deleted, replaced, retyped or added at any depth: 200 or a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(tencentBody, mutation, async (body, change) => {
        await answersSanely(Buffer.from(JSON.stringify(mutate(body, change)), 'utf8'));
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) answers a callback with its bytes truncated, flipped or spliced: 200 or a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(tencentBody, byteMutation, async (body, change) => {
        await answersSanely(mutateBytes(Buffer.from(JSON.stringify(body), 'utf8'), change));
      }),
      { numRuns: RUNS },
    );
  });

  it('publishes −2^52, the smallest long avsc writes exactly, and refuses anything below it', async () => {
    const body = (flag: number) =>
      Buffer.from(JSON.stringify({ GroupId: '@TGS#g', MsgSeq: 1, OnlineOnlyFlag: flag }));
    const lowest = await post(body(-4503599627370496));
    expect(lowest.status).toBe(200);
    expect(toTencentBody(decode(lowest.events[0]?.value ?? Buffer.alloc(0)))['OnlineOnlyFlag']).toBe(
      -4503599627370496,
    );
    expect((await post(body(-4503599627370497))).status).toBe(422);
  });

  it('refuses a MsgTime beyond the range of dates, and takes the last second of it', async () => {
    const body = (msgTime: number) =>
      Buffer.from(JSON.stringify({ GroupId: '@TGS#g', MsgSeq: 1, MsgTime: msgTime }));
    expect((await post(body(8_640_000_000_000))).status).toBe(200);
    expect((await post(body(8_640_000_000_001))).status).toBe(422);
  });

  it('leaves Object.prototype untouched', () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Json)['polluted']).toBeUndefined();
  });
});
