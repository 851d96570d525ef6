import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toHexLines } from '../../../scripts/schemas-check.js';
import { BridgeError } from '../../../src/errors.js';
import { createEventCodec } from '../../../src/event/codec.js';
import type { GroupMessageSentV1 } from '../../../src/event/group-message.v1.js';
import { loadSchemas } from '../../../src/event/schemas.js';

/**
 * Golden bytes: each `test/golden/group-message/v<latest>/<case>.json` must encode to the committed `<case>.hex`
 * (bare body) and `<case>.soe.hex` (single-object value). After a deliberate change, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/event/codec.test.ts` and review the diff.
 */
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const schemas = loadSchemas(fileURLToPath(new URL('../../../schemas/', import.meta.url)));
const codec = createEventCodec(schemas);
const goldenRoot = fileURLToPath(new URL('../../golden/', import.meta.url));
const goldenDir = `${goldenRoot}group-message/v${codec.schemaVersion}/`;

/** Golden JSON holds bytes as JSON.stringify writes a Buffer: {"type":"Buffer","data":[…]}. */
function revive(_key: string, value: unknown): unknown {
  const bytes = value as { type?: unknown; data?: unknown } | null;
  return bytes?.type === 'Buffer' && Array.isArray(bytes.data) ? Buffer.from(bytes.data as number[]) : value;
}

/** Every subject's latest-version golden events: [subject, case, folder]. */
const allCases = [...schemas.values()].flatMap((subject) => {
  const dir = `${goldenRoot}${subject.name}/v${subject.latest.version}/`;
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.json'))
        .map((file) => file.slice(0, -'.json'.length))
    : [];
  return names.map((name) => [subject.name, name, dir] as const);
});
const readCase = (name: string, dir = goldenDir) =>
  JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8'), revive) as GroupMessageSentV1;

function expectGolden(path: string, bytes: Buffer): void {
  if (UPDATE) writeFileSync(path, toHexLines(bytes));
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/unit/event/codec.test.ts`);
  }
  expect(toHexLines(bytes)).toBe(readFileSync(path, 'utf8'));
}

describe('src/event/codec', () => {
  it('has golden events to check, for every subject', () => {
    expect(allCases.filter(([subject]) => subject === 'group-message').map(([, name]) => name)).toEqual(
      expect.arrayContaining(['text', 'every-kind', 'relay', 'unknown-kind', 'chinese-emoji', 'nulls']),
    );
    for (const subject of schemas.keys()) expect(allCases.map(([s]) => s)).toContain(subject);
  });

  it.each(allCases)('encodes golden event %s/%s to the committed bytes', (subject, name, dir) => {
    const subjectCodec = createEventCodec<object>(schemas, subject);
    const event = readCase(name, dir);
    expectGolden(`${dir}${name}.hex`, subjectCodec.encodeBody(event));
    expectGolden(`${dir}${name}.soe.hex`, subjectCodec.encode(event));
  });

  it('frames with the latest version’s fingerprint', () => {
    const value = codec.encode(readCase('text'));
    expect(value.subarray(0, 2).toString('hex')).toBe('c301');
    expect(value.subarray(2, 10)).toEqual(codec.fingerprint.bytes);
    expect(codec.schemaId).toBe(codec.fingerprint.hex);
    expect(codec.schemaVersion).toBe(1);
  });

  it('returns a fresh buffer per event, not a view of its scratch space', () => {
    const first = codec.encode(readCase('text'));
    const copy = Buffer.from(first);
    codec.encode(readCase('every-kind'));
    expect(first).toEqual(copy);
  });

  it('grows its scratch buffer for an event larger than 16 KiB', () => {
    const event = readCase('text');
    const big = { ...event, message: { ...event.message, cloudCustomData: 'x'.repeat(100_000) } };
    const value = codec.encode(big);
    expect(value.length).toBeGreaterThan(100_000);
    expect(codec.encode(event)).toEqual(codec.encode(readCase('text')));
  });

  it('fills fields that have a default when the value leaves them out', () => {
    const event = readCase('nulls');
    const message: Record<string, unknown> = { ...event.message };
    delete message['mentions'];
    expect(codec.encode({ ...event, message } as unknown as GroupMessageSentV1)).toEqual(codec.encode(event));
  });

  it('throws BridgeError INTERNAL naming the path when a value does not match the schema', () => {
    const event = readCase('text');
    const bad = { ...event, message: { ...event.message, msgSeq: 1.5 } };
    expect(() => codec.encode(bad)).toThrow(BridgeError);
    expect(() => codec.encode(bad)).toThrow(/group-message v1 at \/message\/msgSeq/);
    try {
      codec.encode(bad);
    } catch (error) {
      expect(error).toMatchObject({ code: 'INTERNAL', retriable: false });
    }
  });

  it.each([
    ['an unknown enum symbol', { kind: 'STICKER', msgType: 'TIMStickerElem' }],
    ['a missing required string', { kind: 'TEXT' }],
    ['a string where a record belongs', { kind: 'TEXT', msgType: 'TIMTextElem', text: 'hi' }],
  ])('refuses an element with %s', (_label, element) => {
    const event = readCase('text');
    const bad = {
      ...event,
      message: { ...event.message, elements: [element] },
    } as unknown as GroupMessageSentV1;
    expect(() => codec.encode(bad)).toThrow(BridgeError);
  });

  it('refuses a long outside the safe-integer range instead of losing precision', () => {
    const event = readCase('text');
    expect(() => codec.encode({ ...event, receivedTime: 2 ** 60 })).toThrow(BridgeError);
  });

  it('refuses a subject that does not exist, naming the ones that do', () => {
    expect(() => createEventCodec(schemas, 'nope')).toThrow(
      /no schema subject "nope" \(have: .*group-message.*\)/,
    );
  });
});
