import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ACCOUNT, MAX_GROUP_ID, MAX_MEMBERS, MAX_TOPIC_ID } from '../../../src/callback/json-schema.js';
import { CALLBACK_PATH, DEAD_LETTERS, EVENTS, postRaw, startHostileApp } from '../hostile/hostile-app.js';

/**
 * Bounds from Tencent's documented limits, with the shipped body limits: the largest documented bodies
 * (member lists) are accepted whole, one item or character past a bound is a 422 naming the path, with a
 * dead letter.
 */
let app: Awaited<ReturnType<typeof startHostileApp>>;
beforeAll(async () => {
  app = await startHostileApp();
});
afterAll(async () => {
  await app.close();
});

async function post(command: string, body: unknown) {
  app.publisher.clear();
  const bytes = Buffer.from(JSON.stringify(body));
  const query = app.query('signed', { CallbackCommand: command });
  const response = await postRaw(app.url, `${CALLBACK_PATH}?${query}`, bytes, { timeoutMs: 10_000 });
  const records = [...app.publisher.records];
  return {
    status: response.status,
    info: (JSON.parse(response.text) as { ErrorInfo: string }).ErrorInfo,
    events: records.filter((r) => r.topic === EVENTS).length,
    deadLetters: records.filter((r) => r.topic === DEAD_LETTERS).length,
    bytes: bytes.length,
  };
}

/** UserIDs of the documented maximum, 32 bytes. */
const members = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ Member_Account: `user-${String(i).padStart(26, '0')}` }));
const joined = (list: unknown[]) => ({
  GroupId: '@TGS#2J4SZEAEL',
  Type: 'Public',
  JoinType: 'Invited',
  Operator_Account: 'admin',
  NewMemberList: list,
  EventTime: 1670574414123,
});

describe('documented bounds', () => {
  it(`accepts a member list of ${MAX_MEMBERS} members of 32-byte UserIDs whole`, async () => {
    const response = await post('Group.CallbackAfterNewMemberJoin', joined(members(MAX_MEMBERS)));
    expect(response.bytes).toBeGreaterThan(500_000);
    expect([response.status, response.events]).toEqual([200, 1]);
  });

  it('refuses one member more, naming the list, and dead-letters it', async () => {
    const response = await post('Group.CallbackAfterNewMemberJoin', joined(members(MAX_MEMBERS + 1)));
    expect(response).toMatchObject({ status: 422, events: 0, deadLetters: 1 });
    expect(response.info).toBe(
      `INVALID_CALLBACK at /NewMemberList: expected an array of at most ${MAX_MEMBERS} items`,
    );
  });

  it.each([
    [
      'GroupId',
      'Group.CallbackAfterRecallMsg',
      { GroupId: 'g'.repeat(MAX_GROUP_ID + 1), MsgSeqList: [{ MsgSeq: 1 }] },
      '/GroupId',
    ],
    [
      'TopicId',
      'Group.CallbackAfterRecallMsg',
      { GroupId: 'g', TopicId: 't'.repeat(MAX_TOPIC_ID + 1), MsgSeqList: [{ MsgSeq: 1 }] },
      '/TopicId',
    ],
    [
      'Operator_Account',
      'Group.CallbackAfterRecallMsg',
      { GroupId: 'g', Operator_Account: 'u'.repeat(MAX_ACCOUNT + 1), MsgSeqList: [] },
      '/Operator_Account',
    ],
    [
      'a member UserID',
      'Group.CallbackAfterNewMemberJoin',
      joined([{ Member_Account: 'u'.repeat(MAX_ACCOUNT + 1) }]),
      '/NewMemberList/0/Member_Account',
    ],
    [
      'From_Account of a sent message',
      'Group.CallbackAfterSendMsg',
      { GroupId: 'g', MsgSeq: 1, From_Account: 'u'.repeat(MAX_ACCOUNT + 1) },
      '/From_Account',
    ],
  ])('refuses a %s one character too long', async (_what, command, body, path) => {
    const response = await post(command, body);
    expect(response).toMatchObject({ status: 422, events: 0, deadLetters: 1 });
    expect(response.info).toMatch(new RegExp(`^INVALID_CALLBACK at ${path}: expected .*at most`));
  });

  it('accepts each identifier at its bound', async () => {
    const body = {
      GroupId: 'g'.repeat(MAX_GROUP_ID),
      TopicId: 't'.repeat(MAX_TOPIC_ID),
      Operator_Account: 'u'.repeat(MAX_ACCOUNT),
      MsgSeqList: [{ MsgSeq: 1 }],
    };
    expect((await post('Group.CallbackAfterRecallMsg', body)).status).toBe(200);
  });
});
