// 50 groups live a realistic life at once through the real bridge and the real broker: created, members
// join, messages, an edit, a recall, a role change, a member leaves, a topic (in communities), destroyed.
// Every event must be on the per-group topic, decodable, on its group's one partition in the order the
// bridge acknowledged it; every edit and recall must point at its message; and the message store of
// docs/examples must end in the state the lives imply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../src/bridge.js';
import { decode, type BridgeEvent } from '../../src/index.js';
import { MessageStore } from '../../docs/examples/message-store.js';
import { consumeAll, createTestTopic } from './kafka-harness.js';
import { postCallback, startTestBridge } from './support/bridge-harness.js';

const GROUPS = 50;
const MESSAGES = 4;
const EDITED = 2;
const RECALLED = 3;

interface Callback {
  readonly command: string;
  readonly body: Record<string, unknown>;
}

/** One group's life, in the order its callbacks are sent; every fifth group is a community with a topic. */
function lifeOf(index: number): { groupId: string; topicId: string | null; callbacks: Callback[] } {
  const community = index % 5 === 0;
  const groupId = community ? `@TGS#_@TGS#life${index}` : `@TGS#life${index}`;
  const topicId = community ? `${groupId}@TOPIC#_general` : null;
  const type = community ? 'Community' : 'Public';
  const owner = `owner${index}`;
  const members = [`alice${index}`, `bob${index}`, `carol${index}`];
  let time = 1_770_000_000_000 + index * 1000;
  const at = () => (time += 7);
  const inTopic = topicId === null ? {} : { TopicId: topicId };
  const callbacks: Callback[] = [
    {
      command: 'Group.CallbackAfterCreateGroup',
      body: {
        GroupId: groupId,
        Type: type,
        Operator_Account: owner,
        Owner_Account: owner,
        Name: `life ${index}`,
        MemberList: [{ Member_Account: owner }],
        EventTime: at(),
      },
    },
    {
      command: 'Group.CallbackAfterNewMemberJoin',
      body: {
        GroupId: groupId,
        Type: type,
        JoinType: 'Invited',
        Operator_Account: owner,
        NewMemberList: members.map((m) => ({ Member_Account: m })),
        EventTime: at(),
      },
    },
  ];
  if (topicId !== null) {
    callbacks.push({
      command: 'Group.CallbackAfterCreateTopic',
      body: {
        GroupId: groupId,
        TopicId: topicId,
        Operator_Account: owner,
        Owner_Account: owner,
        Type: type,
        Name: 'general',
      },
    });
  }
  for (let seq = 1; seq <= MESSAGES; seq++) {
    callbacks.push({
      command: 'Group.CallbackAfterSendMsg',
      body: {
        GroupId: groupId,
        Type: type,
        From_Account: members[seq % 3],
        MsgSeq: seq,
        Random: seq * 11,
        MsgTime: 1_770_000_000 + seq,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `message ${seq} of ${groupId}` } }],
        MsgId: `${index}-${seq}`,
        EventTime: at(),
        ...inTopic,
      },
    });
  }
  callbacks.push(
    {
      command: 'Group.CallbackAfterModifyMsg',
      body: {
        GroupId: groupId,
        MsgSeq: EDITED,
        Operator_Account: members[EDITED % 3],
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `edited ${EDITED}` } }],
        EventTime: at(),
        ...inTopic,
      },
    },
    {
      command: 'Group.CallbackAfterRecallMsg',
      body: {
        GroupId: groupId,
        Type: type,
        Operator_Account: members[RECALLED % 3],
        MsgSeqList: [{ MsgSeq: RECALLED, MsgId: `${index}-${RECALLED}` }],
        EventTime: at(),
        ...inTopic,
      },
    },
    {
      command: 'Group.CallbackAfterMemberFieldChanged',
      body: {
        GroupId: groupId,
        Type: type,
        Operator_Account: owner,
        Modified_Account: members[0],
        Role: 'Admin',
        EventTime: at(),
      },
    },
    {
      command: 'Group.CallbackAfterMemberExit',
      body: {
        GroupId: groupId,
        Type: type,
        ExitType: 'Quit',
        Operator_Account: members[1],
        ExitMemberList: [{ Member_Account: members[1] }],
        EventTime: at(),
      },
    },
    {
      command: 'Group.CallbackAfterGroupDestroyed',
      body: {
        GroupId: groupId,
        Type: type,
        Owner_Account: owner,
        Name: `life ${index}`,
        ...(community
          ? {}
          : { MemberList: [owner, members[0], members[2]].map((m) => ({ Member_Account: m })) }),
        EventTime: at(),
      },
    },
  );
  return { groupId, topicId, callbacks };
}

const lives = Array.from({ length: GROUPS }, (_, index) => lifeOf(index));
const expectedTotal = lives.reduce((sum, life) => sum + life.callbacks.length, 0);
let topic: string;
let bridge: RunningBridge;

beforeAll(async () => {
  topic = await createTestTopic('group-lives', 6);
  bridge = await startTestBridge({
    BRIDGE_KAFKA_TOPIC: topic,
    BRIDGE_KAFKA_APP_TOPIC: `${topic}.app`,
    BRIDGE_DLQ_TOPIC: `${topic}.dlq`,
  });
});

afterAll(async () => {
  await bridge.stop();
});

describe('50 groups living at once, through the real bridge and broker', () => {
  it('puts every event of every group on its partition, in acknowledged order, linked and applied', async () => {
    const acknowledged = new Map<string, string[]>();
    await Promise.all(
      lives.map(async (life) => {
        const order: string[] = [];
        for (const { command, body } of life.callbacks) {
          const response = await postCallback(
            bridge,
            { CallbackCommand: command, ...body },
            { CallbackCommand: command },
          );
          expect(response, `${life.groupId} ${command}`).toEqual({
            status: 200,
            reply: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
          });
          order.push(command);
        }
        acknowledged.set(life.groupId, order);
      }),
    );

    const records = await consumeAll(topic, { expected: expectedTotal, distinct: true });
    expect(records).toHaveLength(expectedTotal);
    const byGroup = new Map<string, { partitions: Set<number>; events: BridgeEvent[] }>();
    const seenIds = new Set<string>();
    for (const record of records) {
      const event = decode(record.value ?? Buffer.alloc(0));
      if (seenIds.has(event.eventId)) continue; // at least once: a repeat keeps its first place
      seenIds.add(event.eventId);
      const key = record.key?.toString('utf8') ?? '';
      const entry = byGroup.get(key) ?? { partitions: new Set(), events: [] };
      entry.partitions.add(record.partition);
      entry.events.push(event);
      byGroup.set(key, entry);
    }
    expect(byGroup.size).toBe(GROUPS);
    expect(new Set([...byGroup.values()].flatMap((g) => [...g.partitions])).size).toBeGreaterThan(1);

    const store = new MessageStore();
    for (const record of records) store.apply(record.value ?? Buffer.alloc(0));

    for (const life of lives) {
      const group = byGroup.get(life.groupId);
      expect(group?.partitions.size, life.groupId).toBe(1);
      const events = group?.events ?? [];
      expect(
        events.map((e) => e.source.callbackCommand),
        life.groupId,
      ).toEqual(acknowledged.get(life.groupId));

      const sent = events.filter((e) => e.eventType === 'tencent.im.group.message.sent');
      const original = (topicId: string | null, msgSeq: number) =>
        sent.find((e) => e.message.topicId === topicId && e.message.msgSeq === msgSeq);
      for (const event of events) {
        if (event.eventType === 'tencent.im.group.message.modified') {
          expect(event.groupId).toBe(life.groupId);
          expect(original(event.topicId, event.msgSeq), `edit of ${life.groupId}`).toBeDefined();
        }
        if (event.eventType === 'tencent.im.group.message.recalled') {
          for (const { msgSeq, msgId } of event.messages) {
            expect(original(event.topicId, msgSeq)?.message.msgId, `recall of ${life.groupId}`).toBe(msgId);
          }
        }
      }

      const texts = store.messages(life.groupId, life.topicId).map((m) => ({
        msgSeq: m.msgSeq,
        recalled: m.recalled,
        edited: m.edited,
        text: m.elements.map((element) => element.text?.text).join(''),
      }));
      expect(texts, life.groupId).toEqual([
        { msgSeq: 1, recalled: false, edited: false, text: `message 1 of ${life.groupId}` },
        { msgSeq: 2, recalled: false, edited: true, text: `edited ${EDITED}` },
        { msgSeq: 3, recalled: true, edited: false, text: '' },
        { msgSeq: 4, recalled: false, edited: false, text: `message 4 of ${life.groupId}` },
      ]);
    }
  });
});
