import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_SEND_MSG } from '../../../src/callback/after-send-msg.js';
import { decode } from '../../../src/event/decode.js';
import type { GroupMessageSentV1 } from '../../../src/event/group-message.v1.js';
import { canonicalBody, toTencentBody } from '../../fixtures/callbacks/to-tencent-body.js';
import { tencentBody } from '../../fixtures/callbacks/tencent-body.arbitrary.js';
import { CALLBACK_PATH, DEAD_LETTERS, EVENTS, postRaw, startHostileApp } from './hostile-app.js';
import { byteMutation, hasUnsafeNumber, mutate, mutateBytes, mutation, type Json } from './mutations.js';

/** 300 runs each keeps the three properties at a few seconds in the unit suite. */
const RUNS = 300;

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
        const event = decode(response.events[0]?.value ?? Buffer.alloc(0)) as GroupMessageSentV1;
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
