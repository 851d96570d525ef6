import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../src/errors.js';
import { parseJsonBody, type JsonBodyLimits } from '../../src/json-body.js';
import { refusalOf } from './refusal.js';

const limits = { maxDepth: 16, maxValues: 100, maxStringBytes: 64 };
const utf8 = (text: string) => Buffer.from(text, 'utf8');

function refusal(bytes: Uint8Array, within: JsonBodyLimits = limits): BridgeError {
  return refusalOf(() => parseJsonBody(bytes, within));
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
    ['a UTF-16LE body with its byte-order mark', Buffer.from('\ufeff{"a":1}', 'utf16le'), /NUL bytes/],
    ['a UTF-16LE body without a byte-order mark', Buffer.from('{"a":1}', 'utf16le'), /NUL bytes/],
    ['a UTF-16BE body', Buffer.from('{"a":1}', 'utf16le').swap16(), /NUL bytes/],
    ['an overlong UTF-8 encoding of "/"', Buffer.from([0x22, 0xc0, 0xaf, 0x22]), /not UTF-8/],
    ['a surrogate encoded as UTF-8 (CESU-8)', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), /not UTF-8/],
    ['gzip bytes', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x7b, 0x7d]), /not UTF-8|NUL/],
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
    expect(refusal(utf8('{"\\udc00":1}')).message).toMatch(/member name/);
    expect(parseJsonBody(utf8('{"Text":"\\ud83d\\ude00"}'), limits)).toEqual({ Text: '😀' });
  });

  it('counts every value, elements and members alike, and names the first one beyond the limit', () => {
    const hundred = `[${Array.from({ length: 99 }, () => '0').join(',')}]`;
    expect(parseJsonBody(utf8(hundred), limits)).toHaveLength(99);
    const error = refusal(utf8(`{"a":${hundred}}`));
    expect(error.code).toBe('MALFORMED_BODY');
    expect(error.message).toMatch(/more than 100 JSON values/);
    expect(error.path).toBe('/a/98');
    const members = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`k${index}`, null]));
    expect(refusal(utf8(JSON.stringify(members))).path).toBe('/k99');
  });

  it('measures strings and member names in UTF-8 bytes', () => {
    expect(parseJsonBody(utf8(JSON.stringify({ Text: 'a'.repeat(64) })), limits)).toBeDefined();
    expect(parseJsonBody(utf8(JSON.stringify({ Text: '你'.repeat(21) })), limits)).toBeDefined();
    const wide = refusal(utf8(JSON.stringify({ Text: '你'.repeat(22) })));
    expect([wide.path, wide.message]).toEqual(['/Text', 'a string is longer than 64 bytes']);
    expect(refusal(utf8(JSON.stringify({ Text: 'a'.repeat(65) }))).path).toBe('/Text');
    expect(refusal(utf8(JSON.stringify({ [`k${'a'.repeat(64)}`]: 1 }))).message).toMatch(/member name/);
  });

  it('keeps paths short: long member names and deep middles are elided', () => {
    const key = '键'.repeat(50);
    expect(refusal(utf8(`{"${key}":1e400}`)).path).toBe(`/${'键'.repeat(40)}…`);
    expect(refusal(utf8('['.repeat(17) + ']'.repeat(17))).path).toBe(`/${Array(16).fill(0).join('/')}`);
    const deep = `{"a":${'['.repeat(30)}1e400${']'.repeat(30)}}`;
    expect(refusal(utf8(deep), { ...limits, maxDepth: 64 }).path).toBe(
      '/a/0/0/0/0/0/0/0/…15 levels…/0/0/0/0/0/0/0/0',
    );
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
