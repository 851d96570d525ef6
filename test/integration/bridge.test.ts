import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../src/bridge.js';
import { decode } from '../../src/event/decode.js';
import type { GroupMessageSentV1 } from '../../src/event/group-message.v1.js';
import { loadCallbackFixtures } from '../fixtures/callbacks/load-callback-fixtures.js';
import { canonicalBody, toTencentBody } from '../fixtures/callbacks/to-tencent-body.js';
import { consumeAll, createTestTopic } from './kafka-harness.js';
import { postCallback, startTestBridge } from './support/bridge-harness.js';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

describe('the bridge end to end, against a real Kafka broker', () => {
  let bridge: RunningBridge;
  let topic: string;
  let dlq: string;

  beforeAll(async () => {
    topic = await createTestTopic('events');
    dlq = await createTestTopic('dlq');
    bridge = await startTestBridge({ BRIDGE_KAFKA_TOPIC: topic, BRIDGE_DLQ_TOPIC: dlq });
  });
  afterAll(async () => {
    await bridge.stop();
  });

  it('publishes every sample callback so that it decodes from Kafka with every value still there', async () => {
    const fixtures = loadCallbackFixtures();
    for (const fixture of fixtures) {
      expect(await postCallback(bridge, fixture.body, fixture.query), fixture.name).toEqual({
        status: 200,
        reply: OK,
      });
    }
    const records = await consumeAll(topic, { expected: fixtures.length, distinct: true });
    expect(records).toHaveLength(fixtures.length);
    const decoded = records.map((record) => ({
      record,
      body: toTencentBody(decode(record.value as Buffer)),
    }));
    for (const fixture of fixtures) {
      const expected = canonicalBody(fixture.body, 'Group.CallbackAfterSendMsg');
      const record = decoded.find((candidate) => isDeepStrictEqual(candidate.body, expected))?.record;
      expect(record, `${fixture.name} is on the topic unchanged`).toBeDefined();
      const event = decode(record?.value as Buffer);
      expect(record?.key?.toString()).toBe(fixture.body['GroupId']);
      expect(record?.headers['ce_type']?.toString()).toBe('tencent.im.group.message.sent');
      expect(record?.headers['schema-version']?.toString()).toBe('1');
      expect(event.source.sdkAppId).toBe('1400000001');
    }
  });

  it('keeps each group on one partition, in the order its callbacks were acknowledged', async () => {
    const ordered = await createTestTopic('ordered');
    const orderedBridge = await startTestBridge({ BRIDGE_KAFKA_TOPIC: ordered, BRIDGE_DLQ_TOPIC: dlq });
    const groups = Array.from({ length: 40 }, (_, index) => `@TGS#order-${index}-群`);
    const perGroup = 15;
    try {
      // Groups run concurrently; within a group each callback is sent once the previous one was answered.
      await Promise.all(
        groups.map(async (groupId) => {
          for (let msgSeq = 1; msgSeq <= perGroup; msgSeq++) {
            const body = {
              GroupId: groupId,
              MsgSeq: msgSeq,
              MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `${msgSeq}` } }],
            };
            const { status } = await postCallback(orderedBridge, body);
            expect(status).toBe(200);
          }
        }),
      );
    } finally {
      await orderedBridge.stop();
    }
    const records = await consumeAll(ordered, { expected: groups.length * perGroup, distinct: true });
    expect(records).toHaveLength(groups.length * perGroup);
    const seen = new Map<string, { partitions: Set<number>; seqs: number[] }>();
    for (const record of records) {
      const event = decode(record.value as Buffer) as GroupMessageSentV1;
      const entry = seen.get(event.message.groupId) ?? { partitions: new Set(), seqs: [] };
      entry.partitions.add(record.partition);
      entry.seqs.push(event.message.msgSeq);
      seen.set(event.message.groupId, entry);
    }
    expect(seen.size).toBe(groups.length);
    const usedPartitions = new Set([...seen.values()].flatMap((entry) => [...entry.partitions]));
    expect(usedPartitions.size).toBeGreaterThan(1);
    for (const [groupId, entry] of seen) {
      expect(entry.partitions.size, groupId).toBe(1);
      expect(entry.seqs, groupId).toEqual(Array.from({ length: perGroup }, (_, index) => index + 1));
    }
  });

  it('dead-letters an invalid callback with its raw bytes and answers 422 naming the path', async () => {
    const raw =
      '{"GroupId":"@TGS#dlq","MsgSeq":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":7}}]}';
    const { status, reply } = await postCallback(bridge, raw);
    expect(status).toBe(422);
    expect(reply).toEqual({
      ActionStatus: 'FAIL',
      ErrorCode: 4220,
      ErrorInfo: expect.stringMatching(/^INVALID_CALLBACK at \/MsgBody\/0\/MsgContent\/Text: /) as string,
    });
    const [letter] = await consumeAll(dlq, { expected: 1, distinct: true });
    expect(letter?.value?.toString()).toBe(raw);
    expect(letter?.headers['dlq-reason']?.toString()).toBe('INVALID_CALLBACK');
    expect(letter?.headers['dlq-path']?.toString()).toBe('/MsgBody/0/MsgContent/Text');
    expect(letter?.headers['dlq-query']?.toString()).toMatch(/Sign=redacted/);
  });

  it('answers OK to a command it does not handle and publishes nothing for it', async () => {
    const before = await consumeAll(topic, { distinct: true });
    const { status, reply } = await postCallback(
      bridge,
      { GroupId: 'x' },
      { CallbackCommand: 'Group.CallbackBeforeSendMsg' },
    );
    expect({ status, reply }).toEqual({ status: 200, reply: OK });
    expect(await consumeAll(topic, { distinct: true })).toHaveLength(before.length);
  });
});
