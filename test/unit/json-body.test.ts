import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../src/errors.js';
import { parseJsonBody } from '../../src/json-body.js';

const limits = { maxDepth: 16 };
const utf8 = (text: string) => Buffer.from(text, 'utf8');

function refusal(bytes: Uint8Array): BridgeError {
  try {
    parseJsonBody(bytes, limits);
  } catch (error) {
    if (error instanceof BridgeError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('json-body', () => {
  it('parses UTF-8 JSON with Chinese text and astral emoji unchanged', () => {
    expect(parseJsonBody(utf8('{"Text":"你好 👋🏽","n":4294967295}'), limits)).toEqual({
      Text: '你好 👋🏽',
      n: 4294967295,
    });
  });

  it.each([
    ['an empty body', Buffer.alloc(0), /empty/],
    [
      'a UTF-8 byte-order mark',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{}')]),
      /byte-order mark/,
    ],
    ['a UTF-16 body', Buffer.from('\ufeff{"a":1}', 'utf16le'), /not UTF-8/],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), /not UTF-8/],
    ['truncated JSON', utf8('{"GroupId":"@TGS#1"'), /not JSON/],
    ['a form post', utf8('GroupId=x&MsgSeq=1'), /not JSON/],
    ['an XML document', utf8('<xml><GroupId>x</GroupId></xml>'), /not JSON/],
  ])('refuses %s as MALFORMED_BODY', (_name, bytes, message) => {
    const error = refusal(bytes);
    expect(error.code).toBe('MALFORMED_BODY');
    expect(error.message).toMatch(message);
  });

  it('refuses numbers JSON cannot carry exactly and names where they are', () => {
    for (const number of [
      '9007199254740993',
      '123456789012345678901234567890123456789012345678901234567890',
      '1e400',
    ]) {
      const error = refusal(utf8(`{"MsgBody":[{"MsgContent":{"Size":${number}}}]}`));
      expect(error.code).toBe('MALFORMED_BODY');
      expect(error.path).toBe('/MsgBody/0/MsgContent/Size');
    }
    expect(parseJsonBody(utf8('{"a":9007199254740991,"b":29.340656774469956}'), limits)).toEqual({
      a: 9007199254740991,
      b: 29.340656774469956,
    });
  });

  it('refuses nesting beyond the limit without recursing into it', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const error = refusal(utf8(deep));
    expect(error.code).toBe('MALFORMED_BODY');
    expect(error.message).toMatch(/deeper than 16/);
    expect(parseJsonBody(utf8('['.repeat(16) + ']'.repeat(16)), limits)).toBeInstanceOf(Array);
  });

  it('refuses unpaired surrogates in values and keys', () => {
    expect(refusal(utf8('{"Text":"\\ud83d"}')).path).toBe('/Text');
    expect(refusal(utf8('{"\\udc00":1}')).message).toMatch(/key/);
    expect(parseJsonBody(utf8('{"Text":"\\ud83d\\ude00"}'), limits)).toEqual({ Text: '😀' });
  });

  it('keeps __proto__ as an ordinary own key', () => {
    const value = parseJsonBody(utf8('{"__proto__":{"polluted":true},"a":1}'), limits) as Record<
      string,
      unknown
    >;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
