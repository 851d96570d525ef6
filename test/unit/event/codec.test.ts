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
const goldenDir = fileURLToPath(
  new URL(`../../golden/group-message/v${codec.schemaVersion}/`, import.meta.url),
);
const cases = readdirSync(goldenDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));
const readCase = (name: string) =>
  JSON.parse(readFileSync(`${goldenDir}${name}.json`, 'utf8')) as GroupMessageSentV1;

function expectGolden(file: string, bytes: Buffer): void {
  const path = `${goldenDir}${file}`;
  if (UPDATE) writeFileSync(path, toHexLines(bytes));
  if (!existsSync(path)) {
    throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/unit/event/codec.test.ts`);
  }
  expect(toHexLines(bytes)).toBe(readFileSync(path, 'utf8'));
}

describe('src/event/codec', () => {
  it('has golden events to check', () => {
    expect(cases).toEqual(
      expect.arrayContaining(['text', 'every-kind', 'relay', 'unknown-kind', 'chinese-emoji', 'nulls']),
    );
  });

  it.each(cases)('encodes golden event %s to the committed bytes', (name) => {
    const event = readCase(name);
    expectGolden(`${name}.hex`, codec.encodeBody(event));
    expectGolden(`${name}.soe.hex`, codec.encode(event));
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
      /no schema subject "nope" \(have: group-message\)/,
    );
  });
});
