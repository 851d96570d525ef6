import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEFORE_COMMANDS, COMMANDS, isBeforeCommand } from '../../../src/commands/table.js';
import { decode } from '../../../src/event/decode.js';
import type { CallbackReceivedV1 } from '../../../src/event/callback-received.v1.js';
import { APP_EVENTS, CALLBACK_PATH, postRaw, SDKAPPID, startHostileApp } from '../hostile/hostile-app.js';

/**
 * Commands without an entry. Every before-callback of the reference (§1, B and I) is answered exactly
 * "allow" at once and never published; any other command (another family, or one Tencent adds later) is
 * answered OK once it is kept whole, on the app stream, as callback-received.
 */
let app: Awaited<ReturnType<typeof startHostileApp>>;
beforeAll(async () => {
  app = await startHostileApp();
});
afterAll(async () => {
  await app.close();
});

async function post(command: string, body: Buffer, extra: Record<string, string> = {}) {
  app.publisher.clear();
  const query = app.query('signed', { CallbackCommand: command, ...extra });
  const response = await postRaw(app.url, `${CALLBACK_PATH}?${query}`, body, { timeoutMs: 5000 });
  return { ...response, records: [...app.publisher.records] };
}

describe('before-callbacks', () => {
  it('are the 11 before commands and the interactive one of the reference, none of them in the table', () => {
    expect(BEFORE_COMMANDS).toHaveLength(12);
    for (const entry of COMMANDS) expect(isBeforeCommand(entry.command), entry.command).toBe(false);
  });

  it.each(BEFORE_COMMANDS)('answers %s exactly "allow" and publishes nothing', async (command) => {
    const response = await post(command, Buffer.from('{"not":"read"'));
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
    expect(response.records).toEqual([]);
  });

  it('treats a before-callback Tencent adds later the same way', async () => {
    const response = await post('Group.CallbackBeforeSetGroupAttr', Buffer.from('{}'));
    expect([response.status, response.records]).toEqual([200, []]);
  });
});

describe('commands without an entry', () => {
  const body = Buffer.from(
    '{"CallbackCommand":"C2C.CallbackAfterMsgWithDraw","From_Account":"jared","To_Account":"Jonh","MsgKey":"48374_2837546_1557481126","EventTime":1670574414123}',
  );

  it('keeps the callback whole on the app stream, keyed by its own event id, without the Sign', async () => {
    const response = await post('C2C.CallbackAfterMsgWithDraw', body, { RequestID: 'req-1' });
    expect(response.status).toBe(200);
    expect(response.records).toHaveLength(1);
    const [record] = response.records;
    const event = decode(record?.value ?? Buffer.alloc(0)) as CallbackReceivedV1;
    expect([record?.topic, record?.key]).toEqual([APP_EVENTS, event.eventId]);
    expect(event.eventType).toBe('tencent.im.callback.received');
    expect(record?.headers['ce_type']).toBe('tencent.im.callback.received');
    expect(event.source).toMatchObject({
      sdkAppId: SDKAPPID,
      callbackCommand: 'C2C.CallbackAfterMsgWithDraw',
    });
    expect(Buffer.from(event.body).equals(body)).toBe(true);
    expect(event.query['RequestID']).toBe('req-1');
    expect(event.query['RequestTime']).toMatch(/^\d+$/);
    expect(Object.keys(event.query)).not.toContain('Sign');
  });

  it('gives a redelivered callback the same event id, and another body another one', async () => {
    const first = await post('C2C.CallbackAfterMsgWithDraw', body);
    const again = await post('C2C.CallbackAfterMsgWithDraw', body);
    const other = await post('C2C.CallbackAfterMsgWithDraw', Buffer.from('{"MsgKey":"other"}'));
    const id = (r: typeof first) => decode(r.records[0]?.value ?? Buffer.alloc(0)).eventId;
    expect(id(again)).toBe(id(first));
    expect(id(other)).not.toBe(id(first));
  });

  it('keeps a body that is not JSON at all, byte for byte: it is not ours to judge', async () => {
    const bytes = Buffer.from([0xff, 0x00, 0x7b]);
    const response = await post('Future.CallbackAfterSomething', bytes);
    expect(response.status).toBe(200);
    const event = decode(response.records[0]?.value ?? Buffer.alloc(0)) as CallbackReceivedV1;
    expect(Buffer.from(event.body).equals(bytes)).toBe(true);
  });

  it('still refuses an unsigned callback of an unknown command', async () => {
    app.publisher.clear();
    const query = app.query('unsigned', { CallbackCommand: 'C2C.CallbackAfterSendMsg' });
    const response = await postRaw(app.url, `${CALLBACK_PATH}?${query}`, body, { timeoutMs: 5000 });
    expect(response.status).toBe(401);
    expect(app.publisher.records).toEqual([]);
  });
});
