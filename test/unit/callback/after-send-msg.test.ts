import { describe, expect, it } from 'vitest';
import { AFTER_SEND_MSG, parseAfterSendMsg } from '../../../src/callback/after-send-msg.js';
import { Settings } from '../../../src/config/settings.js';
import { BridgeError } from '../../../src/errors.js';
import {
  loadCallbackFixture,
  loadCallbackFixtures,
} from '../../fixtures/callbacks/load-callback-fixtures.js';
import { refusalOf } from '../refusal.js';

const query = { CallbackCommand: AFTER_SEND_MSG };
/** Tencent's clients refuse to nest merged-forward messages deeper than 100 levels (V2TIMMergerElem). */
const DEFAULT_MAX_RELAY_DEPTH = Number(Settings.properties.BRIDGE_TENCENT_MAX_RELAY_DEPTH.default);
const limits = { maxRelayDepth: DEFAULT_MAX_RELAY_DEPTH };
const minimal = { GroupId: '@TGS#2J4SZEAEL', MsgSeq: 123 };

function refusal(body: unknown, maxRelayDepth = DEFAULT_MAX_RELAY_DEPTH): BridgeError {
  return refusalOf(() => parseAfterSendMsg(body, query, { maxRelayDepth }));
}

function element(MsgType: string, MsgContent: unknown) {
  return { MsgType, MsgContent };
}

/** A relay whose one forwarded message holds `inner` (another element), `depth` relays deep in total. */
function nestedRelay(depth: number): unknown {
  let current: unknown = element('TIMTextElem', { Text: 'innermost' });
  for (let level = 0; level < depth; level++) {
    current = element('TIMRelayElem', {
      Title: `level ${depth - level}`,
      MsgList: [{ MsgSeq: level, MsgBody: [current] }],
    });
  }
  return current;
}

describe('src/callback/after-send-msg', () => {
  it.each(loadCallbackFixtures().map((fixture) => [fixture.name, fixture.body]))(
    'accepts the %s fixture and returns it unchanged',
    (_name, body) => {
      const copy: unknown = structuredClone(body);
      expect(parseAfterSendMsg(body, query, limits)).toBe(body);
      expect(body).toEqual(copy);
    },
  );

  it('accepts a body with only GroupId and MsgSeq', () => {
    expect(parseAfterSendMsg(minimal, query, limits)).toEqual(minimal);
  });

  it.each([
    ['a string', 'x'],
    ['an array', [minimal]],
    ['null', null],
    ['a number', 7],
  ])('refuses a body that is %s at /', (_what, body) => {
    const error = refusal(body);
    expect(error.code).toBe('INVALID_CALLBACK');
    expect(error.path).toBe('/');
    expect(error.message).toBe('expected a JSON object (the callback body)');
  });

  it.each([
    ['MsgSeq -1', { ...minimal, MsgSeq: -1 }, '/MsgSeq', 'expected an integer from 0 to 4294967295'],
    ['MsgSeq 2^32', { ...minimal, MsgSeq: 2 ** 32 }, '/MsgSeq', 'expected an integer from 0 to 4294967295'],
    [
      'MsgSeq as a string',
      { ...minimal, MsgSeq: '123' },
      '/MsgSeq',
      'expected an integer from 0 to 4294967295',
    ],
    ['Random 1.5', { ...minimal, Random: 1.5 }, '/Random', 'expected an integer from 0 to 4294967295'],
    [
      'GroupId missing',
      { MsgSeq: 1 },
      '/GroupId',
      'missing, expected a non-empty string of at most 128 characters (a GroupId)',
    ],
    [
      'GroupId empty',
      { ...minimal, GroupId: '' },
      '/GroupId',
      'expected a non-empty string of at most 128 characters (a GroupId)',
    ],
    ['MsgSeq missing', { GroupId: 'g' }, '/MsgSeq', 'missing, expected an integer from 0 to 4294967295'],
    ['Type null', { ...minimal, Type: null }, '/Type', 'expected a string'],
    [
      'MsgTime beyond the range of dates',
      { ...minimal, MsgTime: 8640000000001 },
      '/MsgTime',
      'expected an integer number of seconds since 1970 (0 to 8640000000000)',
    ],
    [
      'GroupAtAllFlag 2',
      { ...minimal, GroupAtInfo: [{ GroupAtAllFlag: 1 }, { GroupAtAllFlag: 2 }] },
      '/GroupAtInfo/1/GroupAtAllFlag',
      'expected 0 or 1',
    ],
    ['MsgBody an object', { ...minimal, MsgBody: {} }, '/MsgBody', 'expected an array'],
  ])('refuses %s, naming the path', (_what, body, path, message) => {
    const error = refusal(body);
    expect(error.code).toBe('INVALID_CALLBACK');
    expect(error.path).toBe(path);
    expect(error.message).toBe(message);
  });

  it.each(['12a', '', '-1', '1.5', '0123', '1234567890123456', ' 1'])('refuses EventTime %j', (eventTime) => {
    const error = refusal({ ...minimal, EventTime: eventTime });
    expect(error.path).toBe('/EventTime');
    expect(error.message).toBe(
      'expected an integer number of milliseconds, or one written as a string of at most 15 digits',
    );
  });

  it.each([1670574414123, '1670574414123', '0', 0, 9007199254740990])('accepts EventTime %j', (eventTime) => {
    expect(() => parseAfterSendMsg({ ...minimal, EventTime: eventTime }, query, limits)).not.toThrow();
  });

  it.each([
    ['EventTime', 9007199254740991],
    ['OnlineOnlyFlag', -9007199254740991],
  ])('refuses %s %i, which avsc cannot write as a long', (field, value) => {
    expect(refusal({ ...minimal, [field]: value }).path).toBe(`/${field}`);
  });

  it('accepts the largest MsgSeq and Random, 4294967295', () => {
    expect(() =>
      parseAfterSendMsg({ ...minimal, MsgSeq: 4294967295, Random: 4294967295 }, query, limits),
    ).not.toThrow();
  });

  it('names the exact path of a wrong type deep in an image entry', () => {
    const image = loadCallbackFixture('element-image').body;
    const body = structuredClone(image) as {
      MsgBody: { MsgContent: { ImageInfoArray: Record<string, unknown>[] } }[];
    };
    const entry = body.MsgBody[0]?.MsgContent.ImageInfoArray[2];
    if (entry === undefined) throw new Error('fixture changed');
    entry['Width'] = '720';
    const error = refusal(body);
    expect(error.path).toBe('/MsgBody/0/MsgContent/ImageInfoArray/2/Width');
    expect(error.message).toBe('expected an integer from -4503599627370496 to 9007199254740990');
  });

  it.each([
    [
      'Text not a string',
      element('TIMTextElem', { Text: 5 }),
      '/MsgBody/1/MsgContent/Text',
      'expected a string',
    ],
    ['Text missing', element('TIMTextElem', {}), '/MsgBody/1/MsgContent/Text', 'missing, expected a string'],
    [
      'MsgContent missing',
      { MsgType: 'TIMFaceElem' },
      '/MsgBody/1/MsgContent',
      'missing, expected an object',
    ],
    ['MsgContent an array', element('TIMCustomElem', []), '/MsgBody/1/MsgContent', 'expected an object'],
    [
      'Latitude a string',
      element('TIMLocationElem', { Latitude: '1' }),
      '/MsgBody/1/MsgContent/Latitude',
      'expected a number',
    ],
    [
      'MsgType missing',
      { MsgContent: { Text: 'x' } },
      '/MsgBody/1/MsgType',
      'missing, expected a string (the element type, e.g. TIMTextElem)',
    ],
    ['an element that is a string', 'TIMTextElem', '/MsgBody/1', 'expected an object'],
    [
      'VideoSecond 1.5',
      element('TIMVideoFileElem', { VideoSecond: 1.5 }),
      '/MsgBody/1/MsgContent/VideoSecond',
      'expected an integer from -4503599627370496 to 9007199254740990',
    ],
  ])('refuses an element with %s, naming the path', (_what, bad, path, message) => {
    const error = refusal({ ...minimal, MsgBody: [element('TIMTextElem', { Text: 'ok' }), bad] });
    expect(error.path).toBe(path);
    expect(error.message).toBe(message);
  });

  it('accepts unknown members at the top level, in MsgContent and in forwarded messages', () => {
    const body = {
      ...minimal,
      Future: { any: ['thing'] },
      MsgBody: [
        element('TIMTextElem', { Text: 'x', Lang: 'en' }),
        element('TIMRelayElem', { MsgList: [{ MsgBody: [], Extra: 1 }], Extra: true }),
      ],
    };
    expect(parseAfterSendMsg(body, query, limits)).toBe(body);
  });

  it.each([
    ['an object', { a: 1 }],
    ['a string', 'x'],
    ['null', null],
    ['nothing', undefined],
  ])('accepts an unknown MsgType with %s as MsgContent', (_what, content) => {
    const body = {
      ...minimal,
      MsgBody: [content === undefined ? { MsgType: 'TIMNewElem' } : element('TIMNewElem', content)],
    };
    expect(() => parseAfterSendMsg(body, query, limits)).not.toThrow();
  });

  it.each(['Work', 'Private', 'ChatRoom', 'BChatRoom', 'Live', 'SomethingNew'])(
    'accepts the group Type %s',
    (type) => {
      expect(() => parseAfterSendMsg({ ...minimal, Type: type }, query, limits)).not.toThrow();
    },
  );

  it('checks the body of a forwarded message like any other, naming the path', () => {
    const relay = element('TIMRelayElem', {
      MsgList: [{ MsgSeq: 1 }, { MsgBody: [element('TIMTextElem', { Text: 1 })] }],
    });
    const error = refusal({ ...minimal, MsgBody: [relay] });
    expect(error.path).toBe('/MsgBody/0/MsgContent/MsgList/1/MsgBody/0/MsgContent/Text');
  });

  it.each([
    ['MsgSeq', -1],
    ['MsgRandom', 4294967296],
    ['MsgTimeStamp', 1.5],
  ])('refuses a forwarded message whose %s is %s', (field, value) => {
    const relay = element('TIMRelayElem', { MsgList: [{ [field]: value }] });
    expect(refusal({ ...minimal, MsgBody: [relay] }).path).toBe(`/MsgBody/0/MsgContent/MsgList/0/${field}`);
  });

  it('accepts relays nested exactly as deep as the limit, 100 by default', () => {
    const body = { ...minimal, MsgBody: [nestedRelay(DEFAULT_MAX_RELAY_DEPTH)] };
    expect(() => parseAfterSendMsg(body, query, limits)).not.toThrow();
  });

  it('refuses a relay one level deeper than the limit, at the too-deep element', () => {
    const error = refusal({ ...minimal, MsgBody: [nestedRelay(3)] }, 2);
    expect(error.path).toBe('/MsgBody/0/MsgContent/MsgList/0/MsgBody/0/MsgContent/MsgList/0/MsgBody/0');
    expect(error.message).toBe('expected merged-forward messages nested at most 2 deep');
  });

  it('refuses 101 nested relays under the default limit', () => {
    expect(refusal({ ...minimal, MsgBody: [nestedRelay(101)] }).code).toBe('INVALID_CALLBACK');
  });

  it('refuses a body CallbackCommand that differs from the query', () => {
    const error = refusal({ ...minimal, CallbackCommand: 'Group.CallbackBeforeSendMsg' });
    expect(error.path).toBe('/CallbackCommand');
    expect(error.message).toBe("expected the query's CallbackCommand, Group.CallbackAfterSendMsg");
  });

  it('treats own __proto__ and constructor members as ordinary unknown members', () => {
    const text =
      '{"GroupId":"g","MsgSeq":1,"__proto__":{"GroupId":""},"constructor":{"x":1},' +
      '"MsgBody":[{"MsgType":"constructor","MsgContent":1},{"MsgType":"__proto__"},' +
      '{"MsgType":"TIMTextElem","MsgContent":{"Text":"t","__proto__":{"Text":5}}}]}';
    const body: unknown = JSON.parse(text);
    expect(parseAfterSendMsg(body, query, limits)).toBe(body);
    expect(refusal(JSON.parse('{"__proto__":{"GroupId":"g","MsgSeq":1}}')).path).toBe('/GroupId');
  });
});
