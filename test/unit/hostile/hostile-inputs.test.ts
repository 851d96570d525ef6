import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_SEND_MSG } from '../../../src/callback/after-send-msg.js';
import { decode } from '../../../src/event/decode.js';
import { canonicalBody, toTencentBody } from '../../fixtures/callbacks/to-tencent-body.js';
import { CALLBACK_PATH, DEAD_LETTERS, EVENTS, postRaw, startHostileApp, TOKEN } from './hostile-app.js';
import { hostileInputs, type HostileInput, type Json } from './hostile-inputs.js';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const ERROR_CODES: Readonly<Record<string, number>> = {
  MALFORMED_BODY: 4000,
  UNAUTHENTICATED: 4010,
  FORBIDDEN_APP: 4030,
  BODY_TOO_LARGE: 4130,
  INVALID_CALLBACK: 4220,
};
/** Refusals of a body that was read: only these are dead-lettered (a 413 body is never held whole). */
const DEAD_LETTERED = new Set(['MALFORMED_BODY', 'INVALID_CALLBACK']);

describe('hostile inputs through the real HTTP app and pipeline', () => {
  let app: Awaited<ReturnType<typeof startHostileApp>>;
  beforeAll(async () => {
    app = await startHostileApp();
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(input: HostileInput) {
    app.publisher.clear();
    const path = `${CALLBACK_PATH}?${app.query(input.auth ?? 'signed', input.query)}`;
    const response = await postRaw(app.url, path, input.body, {
      ...(input.headers === undefined ? {} : { headers: input.headers }),
      ...(input.chunked === undefined ? {} : { chunked: input.chunked }),
      timeoutMs: 5000,
    });
    const reply = JSON.parse(response.text) as Record<string, unknown>;
    const events = app.publisher.records.filter((record) => record.topic === EVENTS);
    const deadLetters = app.publisher.records.filter((record) => record.topic === DEAD_LETTERS);
    return { ...response, reply, events, deadLetters };
  }

  it('has a table of at least 30 hostile inputs with unique names', () => {
    expect(hostileInputs.length).toBeGreaterThanOrEqual(30);
    expect(new Set(hostileInputs.map((input) => input.name)).size).toBe(hostileInputs.length);
  });

  it.each(hostileInputs.filter((input) => input.expect.status === 200).map((input) => [input.name, input]))(
    'accepts %s and publishes it without loss',
    async (_name, input) => {
      const response = await post(input);
      expect(response.elapsedMs).toBeLessThan(2000);
      expect([response.status, response.reply]).toEqual([200, OK]);
      expect(response.deadLetters).toEqual([]);
      expect(response.events).toHaveLength(1);
      const rebuilt = toTencentBody(decode(response.events[0]?.value ?? Buffer.alloc(0)));
      const sent = JSON.parse(input.body.toString('utf8')) as Json;
      expect(rebuilt).toEqual(canonicalBody(sent, AFTER_SEND_MSG));
      if ('sees' in input.expect) {
        expect(input.expect.sees.at(rebuilt)).toEqual(input.expect.sees.value);
      }
    },
  );

  it.each(hostileInputs.filter((input) => input.expect.status !== 200).map((input) => [input.name, input]))(
    'refuses %s clearly, dead-lettering the bytes when it read them',
    async (_name, input) => {
      const expected = input.expect as { status: number; code: string; path?: string };
      const response = await post(input);
      expect(response.elapsedMs).toBeLessThan(2000);
      expect(response.status).toBe(expected.status);
      const where = expected.path === undefined ? '' : ` at ${expected.path}:`;
      expect(response.reply).toEqual({
        ActionStatus: 'FAIL',
        ErrorCode: ERROR_CODES[expected.code],
        ErrorInfo: expect.stringMatching(new RegExp(`^${expected.code}${escape(where)}`)) as unknown,
      });
      const info = response.reply['ErrorInfo'] as string;
      expect(info).not.toContain(TOKEN);
      expect(info).not.toMatch(/\n\s+at /);
      expect(response.events).toEqual([]);
      if (!DEAD_LETTERED.has(expected.code)) {
        expect(response.deadLetters).toEqual([]);
        return;
      }
      expect(response.deadLetters).toHaveLength(1);
      const letter = response.deadLetters[0];
      expect(letter?.value.equals(input.body), 'the dead letter holds the body byte for byte').toBe(true);
      expect(letter?.headers['dlq-reason']).toBe(expected.code);
      const replyPath = / at (.*?): /.exec(info)?.[1];
      expect(letter?.headers['dlq-path']).toBe(replyPath);
      if (expected.path !== undefined) expect(letter?.headers['dlq-path']).toBe(expected.path);
    },
  );

  it('leaves Object.prototype untouched after every __proto__ and constructor body', () => {
    const probe = {} as Record<string, unknown>;
    expect([probe['polluted'], probe['isAdmin'], probe['GroupId'], probe['x']]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
