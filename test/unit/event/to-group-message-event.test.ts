import { readFileSync } from 'node:fs';
import avro from 'avsc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AFTER_SEND_MSG, parseAfterSendMsg } from '../../../src/callback/after-send-msg.js';
import { parseCallbackQuery, type CallbackQuery } from '../../../src/callback/query.js';
import type { GroupMessageSentV1 } from '../../../src/event/group-message.v1.js';
import { toGroupMessageEvent } from '../../../src/event/to-group-message-event.js';
import {
  loadCallbackFixture,
  loadCallbackFixtures,
} from '../../fixtures/callbacks/load-callback-fixtures.js';
import { canonicalBody, toTencentBody } from '../../fixtures/callbacks/to-tencent-body.js';
import { tencentBody } from '../../fixtures/callbacks/tencent-body.arbitrary.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../../schemas/group-message/v1.avsc', import.meta.url), 'utf8'),
);
const v1 = avro.Type.forSchema(schema as avro.Schema);
const limits = { maxRelayDepth: 100 };
const receivedAt = new Date('2022-12-09T08:26:55.000Z');
const query = parseCallbackQuery({ SdkAppid: '1400399479', CallbackCommand: AFTER_SEND_MSG });

function eventOf(body: unknown, q: CallbackQuery = query): GroupMessageSentV1 {
  return toGroupMessageEvent(parseAfterSendMsg(body, q, limits), q, receivedAt);
}

/** The paths at which the event breaks the v1 schema, extra fields included; [] when it conforms. */
function schemaViolations(event: GroupMessageSentV1): string[] {
  const paths: string[] = [];
  v1.isValid(event, { noUndeclaredFields: true, errorHook: (path) => paths.push(path.join('.')) });
  return paths;
}

function elementsOf(name: string) {
  return eventOf(loadCallbackFixture(name).body).message.elements;
}

describe('src/event/to-group-message-event', () => {
  describe.each(loadCallbackFixtures().map((fixture) => [fixture.name, fixture]))(
    'the %s fixture',
    (_name, fixture) => {
      const q = parseCallbackQuery(fixture.query);
      const event = eventOf(fixture.body, q);

      it('becomes an event that conforms to schemas/group-message/v1.avsc exactly', () => {
        expect(schemaViolations(event)).toEqual([]);
      });

      it('loses nothing: the Tencent body can be rebuilt from the event', () => {
        expect(toTencentBody(event)).toEqual(canonicalBody(fixture.body, q.CallbackCommand));
      });
    },
  );

  it('maps the 2023 documentation example field by field', () => {
    const fixture = loadCallbackFixture('doc-2023-string-event-time');
    const event = eventOf(fixture.body, parseCallbackQuery(fixture.query));
    expect(event).toEqual({
      eventId: '4eadccee-12d4-516b-83a4-2af7aaf3e241',
      eventType: 'tencent.im.group.message.sent',
      schemaVersion: 1,
      receivedTime: 1670574415000,
      source: {
        sdkAppId: '1400399479',
        callbackCommand: 'Group.CallbackAfterSendMsg',
        clientIp: '116.230.7.188',
        optPlatform: 'Web',
        requestId: null,
      },
      message: {
        groupId: '@TGS#2J4SZEAEL',
        groupType: 'Public',
        topicId: null,
        fromAccount: 'jared',
        operatorAccount: 'admin',
        msgSeq: 123,
        random: 123456,
        msgTime: 1490686222000,
        eventTime: 1670574414123,
        onlineOnlyFlag: 1,
        msgId: null,
        cloudCustomData: 'your cloud custom data',
        mentions: null,
        elements: [
          {
            kind: 'TEXT',
            msgType: 'TIMTextElem',
            text: { text: 'red packet' },
            location: null,
            face: null,
            custom: null,
            sound: null,
            image: null,
            file: null,
            video: null,
            relay: null,
            contentJson: null,
            unmodelledJson: null,
          },
        ],
        unmodelledJson: null,
      },
    });
  });

  it('maps EventTime given as a number and as a string to the same milliseconds', () => {
    const base = { GroupId: 'g', MsgSeq: 1 };
    expect(eventOf({ ...base, EventTime: '1670574414123' }).message.eventTime).toBe(1670574414123);
    expect(eventOf({ ...base, EventTime: 1670574414123 }).message.eventTime).toBe(1670574414123);
  });

  it('maps GroupAtInfo to mentions in order, and its absence to null', () => {
    expect(eventOf(loadCallbackFixture('doc-2025-msgid-at-info').body).message.mentions).toEqual([
      { atAll: true, account: null, unmodelledJson: null },
      { atAll: false, account: 'brennan', unmodelledJson: null },
      { atAll: false, account: 'tandy', unmodelledJson: null },
    ]);
    expect(eventOf({ GroupId: 'g', MsgSeq: 1, GroupAtInfo: [] }).message.mentions).toEqual([]);
    expect(eventOf({ GroupId: 'g', MsgSeq: 1 }).message.mentions).toBeNull();
  });

  it('maps a body without MsgBody to no elements', () => {
    expect(eventOf({ GroupId: 'g', MsgSeq: 1 }).message.elements).toEqual([]);
  });

  it('sets exactly the content field of each kind', () => {
    const contentFields = [
      'text',
      'location',
      'face',
      'custom',
      'sound',
      'image',
      'file',
      'video',
      'relay',
    ] as const;
    const cases = [
      ['element-location', 'LOCATION', 'location'],
      ['element-face', 'FACE', 'face'],
      ['element-sound', 'SOUND', 'sound'],
      ['element-image', 'IMAGE', 'image'],
      ['element-file', 'FILE', 'file'],
      ['element-video', 'VIDEO', 'video'],
      ['element-relay', 'RELAY', 'relay'],
      ['custom-escaped-json', 'CUSTOM', 'custom'],
      ['doc-2020', 'TEXT', 'text'],
    ] as const;
    for (const [fixture, kind, field] of cases) {
      const [element] = elementsOf(fixture);
      expect(element?.kind).toBe(kind);
      const set = contentFields.filter((name) => element?.[name] !== null);
      expect(set).toEqual([field]);
    }
  });

  it('keeps the legacy sound format with its absent fields as null', () => {
    expect(elementsOf('legacy-sound')[0]?.sound).toEqual({
      url: null,
      uuid: '1053D4B3D61040894AC3DE44CDF28B3EC7EB7C0F',
      size: 62351,
      second: 1,
      downloadFlag: null,
    });
  });

  it('carries an unknown MsgType verbatim, its whole MsgContent as JSON, or null when it had none', () => {
    const [, unknown, contentless] = elementsOf('unknown-msg-type');
    expect(unknown).toMatchObject({ kind: 'UNKNOWN', msgType: 'TIMGroupTipsElem', text: null });
    expect(JSON.parse(unknown?.contentJson ?? 'null')).toEqual({
      OpType: 1,
      Nested: { List: [1, 2, { a: null }] },
      Flag: true,
    });
    expect(unknown?.unmodelledJson).toBeNull();
    expect(contentless).toMatchObject({ kind: 'UNKNOWN', msgType: 'TIMFutureElem', contentJson: null });
  });

  it('maps forwarded messages of a relay, converting MsgTimeStamp to milliseconds', () => {
    const relay = elementsOf('relay-chinese')[0]?.relay;
    expect(relay?.title).toBe('群聊的聊天记录');
    expect(relay?.abstractList).toEqual(['A:大家觉得这个怎么样？', 'B:我觉得挺好的']);
    expect(relay?.messages?.[0]).toMatchObject({
      fromAccount: 'A',
      groupId: 'group1',
      msgSeq: 85,
      msgRandom: 3998651049,
      msgTime: 1664437702000,
      unmodelledJson: null,
    });
    expect(relay?.messages?.[1]?.elements[0]?.text).toEqual({ text: '我觉得挺好的' });
  });

  it('keeps a relay inside a relay whole, as JSON, with kind RELAY', () => {
    const fixture = loadCallbackFixture('relay-nested').body as {
      MsgBody: { MsgContent: { MsgList: { MsgBody: { MsgContent: unknown }[] }[] } }[];
    };
    const inner = elementsOf('relay-nested')[0]?.relay?.messages?.[1]?.elements[0];
    expect(inner?.kind).toBe('RELAY');
    expect(inner?.msgType).toBe('TIMRelayElem');
    expect(JSON.parse(inner?.contentJson ?? 'null')).toEqual(
      fixture.MsgBody[0]?.MsgContent.MsgList[1]?.MsgBody[0]?.MsgContent,
    );
  });

  it('puts undocumented members into unmodelledJson next to where they were found', () => {
    const body = {
      GroupId: 'g',
      MsgSeq: 1,
      MsgPriority: 'Normal',
      GroupAtInfo: [{ GroupAtAllFlag: 0, GroupAt_Account: 'a', NickName: 'A' }],
      MsgBody: [
        { MsgType: 'TIMTextElem', MsgContent: { Text: 't', Lang: 'zh' }, Seq: 1 },
        { MsgType: 'TIMImageElem', MsgContent: { ImageInfoArray: [{ Type: 1, Format: 'webp' }] } },
        {
          MsgType: 'TIMRelayElem',
          MsgContent: {
            Title: 'x',
            Extra: 1,
            MsgList: [
              {
                MsgSeq: 2,
                Flag: true,
                MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'f' }, Seq: 2 }],
              },
            ],
          },
          Seq: 3,
        },
      ],
    };
    const { message } = eventOf(body);
    expect(message.unmodelledJson).toBe('{"MsgPriority":"Normal"}');
    expect(message.mentions?.[0]?.unmodelledJson).toBe('{"NickName":"A"}');
    expect(message.elements[0]).toMatchObject({ contentJson: '{"Lang":"zh"}', unmodelledJson: '{"Seq":1}' });
    expect(message.elements[1]).toMatchObject({ contentJson: null, unmodelledJson: null });
    expect(message.elements[1]?.image?.images?.[0]?.unmodelledJson).toBe('{"Format":"webp"}');
    expect(message.elements[2]).toMatchObject({ contentJson: '{"Extra":1}', unmodelledJson: '{"Seq":3}' });
    const forwarded = message.elements[2]?.relay?.messages?.[0];
    expect(forwarded?.unmodelledJson).toBe('{"Flag":true}');
    expect(forwarded?.elements[0]).toMatchObject({ contentJson: null, unmodelledJson: '{"Seq":2}' });
  });

  it('keeps the members beside MsgType and MsgContent apart from MsgContent, at every depth', () => {
    const [text, contentless, nullContent, emptyContent, relay] = elementsOf('element-extra-members');
    expect(text).toMatchObject({ kind: 'TEXT', contentJson: null });
    expect(text?.unmodelledJson).toBe('{"ElemSeq":1,"Flags":{"Pinned":true}}');
    expect(contentless).toMatchObject({
      contentJson: null,
      unmodelledJson: '{"Hint":"upgrade your client"}',
    });
    expect(nullContent).toMatchObject({ contentJson: 'null', unmodelledJson: '{"Hint":null}' });
    expect(emptyContent).toMatchObject({ contentJson: '{}', unmodelledJson: null });
    expect(relay?.unmodelledJson).toBe('{"ElemSeq":2}');
    const [forwardedText, nestedRelay] = relay?.relay?.messages?.[0]?.elements ?? [];
    expect(forwardedText).toMatchObject({ kind: 'TEXT', contentJson: null, unmodelledJson: '{"ElemSeq":1}' });
    expect(nestedRelay).toMatchObject({ kind: 'RELAY', unmodelledJson: '{"ElemSeq":2}' });
    expect(JSON.parse(nestedRelay?.contentJson ?? 'null')).toEqual({
      Title: 'Older history',
      MsgNum: 1,
      JsonMsgKey: 'relay-key-1',
    });
  });

  it('keeps the members of a GroupAtInfo item it does not model', () => {
    expect(eventOf(loadCallbackFixture('element-extra-members').body).message.mentions).toEqual([
      { atAll: false, account: 'brennan', unmodelledJson: '{"NickName":"Brennan"}' },
      { atAll: true, account: null, unmodelledJson: '{"AtRange":"online"}' },
    ]);
  });

  it('keeps own __proto__ and constructor members as data, never as prototypes', () => {
    const body: unknown = JSON.parse(
      '{"GroupId":"g","MsgSeq":1,"__proto__":{"polluted":true},"constructor":"c",' +
        '"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"t","__proto__":{"x":1}}},{"MsgType":"constructor","MsgContent":{}}]}',
    );
    const { message } = eventOf(body);
    expect(message.unmodelledJson).toBe('{"__proto__":{"polluted":true},"constructor":"c"}');
    expect(message.elements[0]?.contentJson).toBe('{"__proto__":{"x":1}}');
    expect(message.elements[1]?.kind).toBe('UNKNOWN');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps Chinese text and astral-plane emoji exactly', () => {
    expect(elementsOf('text-chinese-emoji')[0]?.text?.text).toBe('你好，世界！👋😀🀄️ 👨‍👩‍👧 𠮷野家 \u2028 end');
  });

  it('takes the source from the query and the event id from the app, group, topic and sequence', () => {
    const fixture = loadCallbackFixture('community-topic');
    const event = eventOf(fixture.body, parseCallbackQuery(fixture.query));
    expect(event.eventId).toBe('b6eea338-0bcf-5d53-908e-4804da78e48d');
    expect(event.message.topicId).toBe('@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic');
    const avChatRoom = loadCallbackFixture('avchatroom');
    const live = eventOf(avChatRoom.body, parseCallbackQuery(avChatRoom.query));
    expect(live.source).toEqual({
      sdkAppId: '1400701118',
      callbackCommand: 'Group.CallbackAfterSendMsg',
      clientIp: '116.230.7.188',
      optPlatform: 'Web',
      requestId: 'c637d5f9-1d0a-4f51-acca-905a47362c3d',
    });
    expect(live.eventId).toBe('1d30d631-c1a2-5fd4-bda0-5260f6f3b41a');
  });

  it('loses nothing, and conforms to v1, for any body the schema accepts (property)', () => {
    fc.assert(
      fc.property(tencentBody, (generated) => {
        const body = JSON.parse(JSON.stringify(generated)) as Record<string, unknown>;
        const event = eventOf(body);
        expect(schemaViolations(event)).toEqual([]);
        expect(toTencentBody(event)).toEqual(canonicalBody(body, AFTER_SEND_MSG));
      }),
      { numRuns: 1000 },
    );
  });
});
