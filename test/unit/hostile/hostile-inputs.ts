import { gzipSync } from 'node:zlib';
import type { ErrorCode } from '../../../src/errors.js';
import type { Auth } from './hostile-app.js';

/**
 * Hostile and odd callback bodies, written from the documented formats (shared/reference/
 * tencent-im-callback.md §2–3), each with what the bridge must answer under its default limits. Shared by
 * the in-process table test, the integration test against the real broker and the soak.
 *
 * Strict (refused, and dead-lettered when authenticated): anything but UTF-8 JSON text (BOM, NUL bytes,
 * UTF-16, invalid or overlong UTF-8, forms, XML, multipart, compressed bytes: Content-Type, charset and
 * Content-Encoding are not consulted), unpaired surrogates, numbers beyond ±(2^53 − 1) or infinite, bodies
 * over the size, depth, value-count or string-length limits (400 MALFORMED_BODY; over the size limit 413,
 * not read, not dead-lettered); documented fields of the wrong JSON type or range, a missing GroupId or
 * MsgSeq, a body CallbackCommand other than the query's, relays nested past the limit (422 INVALID_CALLBACK).
 * Lenient (accepted and kept): unknown fields at any level, unknown MsgTypes with any content, escaped NULs,
 * integers written as 1e2 or -0 (JSON does not tell them from 100 and 0), duplicate keys (the last wins for
 * every stage, as JSON.parse reads them), `__proto__`/`constructor`/`prototype` members (ordinary members).
 */
export interface HostileInput {
  readonly name: string;
  readonly body: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  /** Replaces or adds query parameters (after signing: the signature does not cover them). */
  readonly query?: Readonly<Record<string, string>>;
  readonly auth?: Auth;
  /** Sent without a Content-Length (chunked). */
  readonly chunked?: boolean;
  readonly expect: Accepted | Refused;
}

interface Accepted {
  readonly status: 200;
  /** What the published event must say, read from the Tencent body rebuilt from it (to-tencent-body.ts). */
  readonly sees?: { readonly at: (rebuilt: Json) => unknown; readonly value: unknown };
}

interface Refused {
  readonly status: 400 | 401 | 403 | 413 | 422;
  readonly code: ErrorCode;
  readonly path?: string;
}

export type Json = Record<string, unknown>;

/** Tencent's 2020 documentation example, the base most inputs break one thing of. */
export function docExample(overrides: Json = {}): Json {
  return {
    CallbackCommand: 'Group.CallbackAfterSendMsg',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    From_Account: 'jared',
    Operator_Account: 'admin',
    Random: 123456,
    MsgSeq: 123,
    MsgTime: 1490686222,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
    ...overrides,
  };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const text = (value: string) => Buffer.from(value, 'utf8');
const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? text(part) : Buffer.from(part))));
/** The documentation example with one raw JSON fragment in place of `"MsgSeq":123`. */
const withMsgSeq = (fragment: string) => text(JSON.stringify(docExample()).replace('"MsgSeq":123', fragment));
const textElement = (Text: unknown) => ({ MsgType: 'TIMTextElem', MsgContent: { Text } });

/** A merged-forward element nesting `levels` relays around a text element. */
export function relay(levels: number): Json {
  let element: Json = textElement('innermost');
  for (let level = 0; level < levels; level++) {
    element = {
      MsgType: 'TIMRelayElem',
      MsgContent: {
        Title: 'chat history',
        MsgNum: 1,
        MsgList: [{ From_Account: 'a', MsgSeq: 1, MsgRandom: 1, MsgTimeStamp: 1, MsgBody: [element] }],
      },
    };
  }
  return element;
}

const firstElement = (body: Json) => (body['MsgBody'] as Json[])[0] ?? {};
const firstContent = (body: Json) => (firstElement(body)['MsgContent'] ?? {}) as Json;

const MALFORMED = (path?: string) =>
  ({ status: 400, code: 'MALFORMED_BODY', ...(path === undefined ? {} : { path }) }) as const;
const INVALID = (path: string) => ({ status: 422, code: 'INVALID_CALLBACK', path }) as const;
const TOO_LARGE = { status: 413, code: 'BODY_TOO_LARGE' } as const;
const OK = { status: 200 } as const;

const megabyteString = json(docExample({ MsgBody: [textElement('x'.repeat(1024 * 1024))] }));
const deep = (levels: number) =>
  text(`{"GroupId":"g","MsgSeq":1,"x":${'['.repeat(levels)}${']'.repeat(levels)}}`);

export const hostileInputs: readonly HostileInput[] = [
  { name: 'the documentation example', body: json(docExample()), expect: OK },
  { name: 'an empty body', body: Buffer.alloc(0), expect: MALFORMED() },
  { name: 'whitespace only', body: text(' \n\t '), expect: MALFORMED() },
  { name: 'null', body: text('null'), expect: INVALID('/') },
  { name: 'a JSON string', body: text('"Group.CallbackAfterSendMsg"'), expect: INVALID('/') },
  { name: 'a JSON number', body: text('42'), expect: INVALID('/') },
  { name: 'an array', body: text('[]'), expect: INVALID('/') },
  { name: 'an array holding the callback', body: json([docExample()]), expect: INVALID('/') },
  { name: '{} (no GroupId)', body: text('{}'), expect: INVALID('/GroupId') },
  { name: 'truncated JSON', body: json(docExample()).subarray(0, 80), expect: MALFORMED() },
  { name: 'two JSON documents', body: text('{}{}'), expect: MALFORMED() },
  {
    name: 'JSON with trailing garbage',
    body: text(`${JSON.stringify(docExample())} x`),
    expect: MALFORMED(),
  },
  { name: 'a trailing comma', body: text('{"GroupId":"g","MsgSeq":1,}'), expect: MALFORMED() },
  { name: 'single quotes', body: text("{'GroupId':'g','MsgSeq':1}"), expect: MALFORMED() },
  { name: 'a comment', body: text('{"GroupId":"g", // note\n"MsgSeq":1}'), expect: MALFORMED() },
  { name: 'a 1 MB string (Content-Length)', body: megabyteString, expect: TOO_LARGE },
  {
    name: 'a 1 MB string (chunked, no Content-Length)',
    body: megabyteString,
    chunked: true,
    expect: TOO_LARGE,
  },
  {
    name: 'a 70 KB Text (under the body limit, over the string limit)',
    body: json(docExample({ MsgBody: [textElement('字'.repeat(24_000))] })),
    expect: MALFORMED('/MsgBody/0/MsgContent/Text'),
  },
  {
    name: 'a 70 KB member name',
    body: text(`{"GroupId":"g","MsgSeq":1,"${'k'.repeat(70_000)}":1}`),
    expect: MALFORMED(`/${'k'.repeat(40)}…`),
  },
  {
    name: '30,000 MsgBody elements',
    body: json(docExample({ MsgBody: Array.from({ length: 30_000 }, () => ({})) })),
    expect: MALFORMED('/MsgBody/24990'),
  },
  {
    name: 'an object of 30,000 members',
    body: json(Object.fromEntries(Array.from({ length: 30_000 }, (_, index) => [`k${index}`, 0]))),
    expect: MALFORMED('/k24999'),
  },
  { name: '10,000-deep nesting', body: deep(10_000), expect: MALFORMED() },
  { name: 'nesting at the depth limit (639 arrays in the body object)', body: deep(639), expect: OK },
  {
    name: 'UTF-16LE with a byte-order mark',
    body: Buffer.from(`\ufeff${JSON.stringify(docExample())}`, 'utf16le'),
    expect: MALFORMED(),
  },
  {
    name: 'UTF-16LE without a byte-order mark',
    body: Buffer.from(JSON.stringify(docExample()), 'utf16le'),
    expect: MALFORMED(),
  },
  {
    name: 'UTF-16BE with a byte-order mark',
    body: Buffer.from(`\ufeff${JSON.stringify(docExample())}`, 'utf16le').swap16(),
    expect: MALFORMED(),
  },
  {
    name: 'UTF-16BE without a byte-order mark',
    body: Buffer.from(JSON.stringify(docExample()), 'utf16le').swap16(),
    expect: MALFORMED(),
  },
  {
    name: 'a UTF-8 byte-order mark',
    body: bytes([0xef, 0xbb, 0xbf], JSON.stringify(docExample())),
    expect: MALFORMED(),
  },
  {
    name: 'invalid UTF-8 in a string',
    body: bytes('{"GroupId":"g', [0xc3, 0x28], '","MsgSeq":1}'),
    expect: MALFORMED(),
  },
  {
    name: 'an overlong UTF-8 "/"',
    body: bytes('{"GroupId":"g', [0xc0, 0xaf], '","MsgSeq":1}'),
    expect: MALFORMED(),
  },
  {
    name: 'an overlong 3-byte UTF-8 NUL',
    body: bytes('{"GroupId":"g', [0xe0, 0x80, 0x80], '","MsgSeq":1}'),
    expect: MALFORMED(),
  },
  {
    name: 'a raw lone surrogate (UTF-8 of U+D800)',
    body: bytes('{"GroupId":"g', [0xed, 0xa0, 0x80], '","MsgSeq":1}'),
    expect: MALFORMED(),
  },
  {
    name: 'an escaped lone surrogate',
    body: text(JSON.stringify(docExample()).replace('red packet', 'red \\ud83d packet')),
    expect: MALFORMED('/MsgBody/0/MsgContent/Text'),
  },
  {
    name: 'an escaped surrogate pair (accepted: it is 😀)',
    body: text(JSON.stringify(docExample()).replace('red packet', '\\ud83d\\ude00')),
    expect: { status: 200, sees: { at: (b) => firstContent(b)['Text'], value: '😀' } },
  },
  {
    name: 'an escaped NUL in a Text (accepted: valid JSON, kept)',
    body: text(JSON.stringify(docExample()).replace('red packet', 'a\\u0000b')),
    expect: { status: 200, sees: { at: (b) => firstContent(b)['Text'], value: 'a\u0000b' } },
  },
  { name: 'a 60-digit MsgSeq', body: withMsgSeq(`"MsgSeq":${'9'.repeat(60)}`), expect: MALFORMED('/MsgSeq') },
  { name: 'MsgSeq 1e999', body: withMsgSeq('"MsgSeq":1e999'), expect: MALFORMED('/MsgSeq') },
  { name: 'MsgSeq 2^53 + 1', body: withMsgSeq('"MsgSeq":9007199254740993'), expect: MALFORMED('/MsgSeq') },
  { name: 'MsgSeq NaN (not JSON)', body: withMsgSeq('"MsgSeq":NaN'), expect: MALFORMED() },
  { name: 'MsgSeq Infinity (not JSON)', body: withMsgSeq('"MsgSeq":Infinity'), expect: MALFORMED() },
  {
    name: 'MsgSeq -0 (read as 0)',
    body: withMsgSeq('"MsgSeq":-0'),
    expect: { status: 200, sees: { at: (b) => b['MsgSeq'], value: 0 } },
  },
  {
    name: 'MsgSeq 1e2 (read as 100)',
    body: withMsgSeq('"MsgSeq":1e2'),
    expect: { status: 200, sees: { at: (b) => b['MsgSeq'], value: 100 } },
  },
  { name: 'MsgSeq as a string', body: withMsgSeq('"MsgSeq":"123"'), expect: INVALID('/MsgSeq') },
  { name: 'MsgSeq negative', body: withMsgSeq('"MsgSeq":-1'), expect: INVALID('/MsgSeq') },
  { name: 'MsgSeq a fraction', body: withMsgSeq('"MsgSeq":1.5'), expect: INVALID('/MsgSeq') },
  { name: 'MsgSeq 2^32', body: withMsgSeq('"MsgSeq":4294967296'), expect: INVALID('/MsgSeq') },
  { name: 'MsgSeq null', body: withMsgSeq('"MsgSeq":null'), expect: INVALID('/MsgSeq') },
  { name: 'Random 2^32', body: json(docExample({ Random: 4294967296 })), expect: INVALID('/Random') },
  {
    name: 'Random 2^32 − 1 (accepted)',
    body: json(docExample({ Random: 4294967295 })),
    expect: { status: 200, sees: { at: (b) => b['Random'], value: 4294967295 } },
  },
  { name: 'GroupId empty', body: json(docExample({ GroupId: '' })), expect: INVALID('/GroupId') },
  { name: 'GroupId a number', body: json(docExample({ GroupId: 42 })), expect: INVALID('/GroupId') },
  {
    name: 'MsgBody an object',
    body: json(docExample({ MsgBody: { MsgType: 'TIMTextElem' } })),
    expect: INVALID('/MsgBody'),
  },
  {
    name: 'an element without MsgType',
    body: json(docExample({ MsgBody: [{ MsgContent: { Text: 'x' } }] })),
    expect: INVALID('/MsgBody/0/MsgType'),
  },
  {
    name: 'a Text that is a number',
    body: json(docExample({ MsgBody: [textElement(5)] })),
    expect: INVALID('/MsgBody/0/MsgContent/Text'),
  },
  {
    name: 'EventTime of 16 digits as a string',
    body: json(docExample({ EventTime: '1234567890123456' })),
    expect: INVALID('/EventTime'),
  },
  {
    name: 'a CallbackCommand in the body that differs from the query',
    body: json(docExample({ CallbackCommand: 'Group.CallbackBeforeSendMsg' })),
    expect: INVALID('/CallbackCommand'),
  },
  {
    name: 'duplicate GroupId: the last wins, for the validator and the event alike',
    body: text('{"GroupId":"@TGS#first","GroupId":"@TGS#last","MsgSeq":1}'),
    expect: { status: 200, sees: { at: (b) => b['GroupId'], value: '@TGS#last' } },
  },
  {
    name: 'duplicate MsgSeq, a string then a number: the number (last) is read',
    body: text('{"GroupId":"g","MsgSeq":"x","MsgSeq":7}'),
    expect: { status: 200, sees: { at: (b) => b['MsgSeq'], value: 7 } },
  },
  {
    name: 'duplicate MsgSeq, a number then a string: refused',
    body: text('{"GroupId":"g","MsgSeq":7,"MsgSeq":"x"}'),
    expect: INVALID('/MsgSeq'),
  },
  {
    name: '__proto__ at the top level carrying GroupId (an ordinary unknown member)',
    body: text('{"__proto__":{"GroupId":"@TGS#evil","MsgSeq":9},"GroupId":"@TGS#real","MsgSeq":1}'),
    expect: { status: 200, sees: { at: (b) => [b['GroupId'], b['MsgSeq']], value: ['@TGS#real', 1] } },
  },
  {
    name: '__proto__ supplying the only GroupId',
    body: text('{"__proto__":{"GroupId":"@TGS#evil","MsgSeq":9}}'),
    expect: INVALID('/GroupId'),
  },
  {
    name: 'constructor and prototype at the top level',
    body: text(
      '{"GroupId":"g","MsgSeq":1,"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}',
    ),
    expect: OK,
  },
  {
    name: '__proto__ in a MsgContent beside Text',
    body: text(
      '{"GroupId":"g","MsgSeq":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"__proto__":{"Text":5},"Text":"hi"}}]}',
    ),
    expect: { status: 200, sees: { at: (b) => firstContent(b)['Text'], value: 'hi' } },
  },
  {
    name: '__proto__ supplying the only Text',
    body: text(
      '{"GroupId":"g","MsgSeq":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"__proto__":{"Text":"hi"}}}]}',
    ),
    expect: INVALID('/MsgBody/0/MsgContent/Text'),
  },
  ...['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((MsgType): HostileInput => ({
    name: `MsgType "${MsgType}" (an unknown type, accepted)`,
    body: json(docExample({ MsgBody: [{ MsgType, MsgContent: { Text: 'x' } }] })),
    expect: { status: 200, sees: { at: (b) => firstElement(b)['MsgType'], value: MsgType } },
  })),
  {
    name: 'CloudCustomData holding __proto__ JSON (carried as text)',
    body: json(
      docExample({ CloudCustomData: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}' }),
    ),
    expect: {
      status: 200,
      sees: {
        at: (b) => b['CloudCustomData'],
        value: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
      },
    },
  },
  {
    name: 'an unknown MsgType with any content (accepted)',
    body: json(docExample({ MsgBody: [{ MsgType: 'TIMFutureElem', MsgContent: [1, { a: null }] }] })),
    expect: OK,
  },
  {
    name: 'unknown fields everywhere (accepted)',
    body: json(
      docExample({
        MsgPriority: 'Normal',
        Extra: { a: [1] },
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x', Lang: 'en' }, Hint: 1 }],
      }),
    ),
    expect: OK,
  },
  {
    name: 'relays nested 100 deep, the limit (accepted)',
    body: json(docExample({ MsgBody: [relay(100)] })),
    expect: OK,
  },
  {
    name: 'relays nested 101 deep',
    body: json(docExample({ MsgBody: [relay(101)] })),
    expect: INVALID(`/MsgBody/0${'/MsgContent/MsgList/0/MsgBody/0'.repeat(100)}`),
  },
  {
    name: 'a form post',
    body: text('GroupId=%40TGS%23a&MsgSeq=1'),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    expect: MALFORMED(),
  },
  {
    name: 'an XML document',
    body: text('<?xml version="1.0"?><xml><GroupId>g</GroupId><MsgSeq>1</MsgSeq></xml>'),
    headers: { 'content-type': 'application/xml' },
    expect: MALFORMED(),
  },
  {
    name: 'a multipart form',
    body: text(
      `--b\r\nContent-Disposition: form-data; name="body"\r\n\r\n${JSON.stringify(docExample())}\r\n--b--\r\n`,
    ),
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    expect: MALFORMED(),
  },
  {
    name: 'gzip bytes with Content-Encoding gzip (not decoded)',
    body: gzipSync(json(docExample())),
    headers: { 'content-encoding': 'gzip' },
    expect: MALFORMED(),
  },
  {
    name: 'a UTF-16 charset in the Content-Type (ignored: the bytes are UTF-8)',
    body: json(docExample()),
    headers: { 'content-type': 'application/json; charset=utf-16' },
    expect: OK,
  },
  {
    name: 'a wrong Sign with a malformed body',
    body: text('{'),
    auth: 'wrong-sign',
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'no Sign with a 1 MB body',
    body: megabyteString,
    auth: 'unsigned',
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'an SdkAppid not allowed',
    body: text('{'),
    query: { SdkAppid: '1400999999' },
    expect: { status: 403, code: 'FORBIDDEN_APP' },
  },
  {
    name: 'MsgTime as a string',
    body: json(docExample({ MsgTime: '1490686222' })),
    expect: INVALID('/MsgTime'),
  },
];
