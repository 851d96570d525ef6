import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprintFromBytes, rabinFingerprint } from '../../../src/event/rabin.js';
import { describeSchema } from '../../../src/event/schemas.js';

interface Vector {
  readonly id: string;
  readonly input: string;
  readonly canonical: string;
  readonly fingerprint: bigint | undefined;
}

/** Parses Avro's schema-tests.txt: `// NNN` blocks of `<<INPUT`, `<<canonical`, optional `<<fingerprint`. */
function readVectors(): Vector[] {
  const text = readFileSync(new URL('../../fixtures/avro/schema-tests.txt', import.meta.url), 'utf8');
  const blocks = text.split(/^\/\/ (\d{3})$/m).slice(1);
  const vectors: Vector[] = [];
  for (let i = 0; i < blocks.length; i += 2) {
    const block = blocks[i + 1] ?? '';
    const input = /^<<INPUT (.+)$/m.exec(block)?.[1] ?? /^<<INPUT\n([\s\S]*?)\nINPUT$/m.exec(block)?.[1];
    const canonical = /^<<canonical (.+)$/m.exec(block)?.[1];
    const fingerprint = /^<<fingerprint (.+)$/m.exec(block)?.[1];
    if (input === undefined || canonical === undefined) throw new Error(`vector ${blocks[i]} is malformed`);
    vectors.push({
      id: blocks[i] ?? '',
      input,
      canonical,
      fingerprint: fingerprint === undefined ? undefined : BigInt(fingerprint),
    });
  }
  return vectors;
}

const vectors = readVectors();
const withFingerprint = vectors.filter((v) => v.fingerprint !== undefined);
/** avsc refuses these inputs: an empty union (016) and a boolean field whose default is the string "true" (026). */
const REJECTED_BY_AVSC = new Set(['016', '026']);

describe('src/event/rabin', () => {
  it('reads all 34 of Avro’s vectors, 26 with a fingerprint', () => {
    expect(vectors).toHaveLength(34);
    expect(withFingerprint).toHaveLength(26);
  });

  it.each(withFingerprint)('fingerprints canonical form $id as Avro’s published value', (vector) => {
    expect(rabinFingerprint(vector.canonical).signed).toBe(vector.fingerprint);
  });

  it.each(vectors.filter((v) => !REJECTED_BY_AVSC.has(v.id)))(
    'canonicalises input $id as Avro does',
    (vector) => {
      expect(describeSchema(JSON.parse(vector.input)).canonicalForm).toBe(vector.canonical);
    },
  );

  it.each([...REJECTED_BY_AVSC])('documents that avsc rejects input %s', (id) => {
    const vector = vectors.find((v) => v.id === id);
    expect(() => describeSchema(JSON.parse(vector?.input ?? 'null'))).toThrow();
  });

  it('gives EMPTY (c15d213aa4d7a795) for no bytes, as the spec defines', () => {
    expect(rabinFingerprint('').hex).toBe('c15d213aa4d7a795');
  });

  it('writes the 8 bytes little-endian and reads them back', () => {
    const fp = rabinFingerprint('"null"');
    expect(fp.value).toBe(7195948357588979594n);
    expect(fp.bytes.toString('hex')).toBe('8a8f25cce724dd63');
    expect(fp.hex).toBe('63dd24e7cc258f8a');
    expect(fingerprintFromBytes(fp.bytes)).toEqual(fp);
  });

  it('refuses a fingerprint that is not 8 bytes', () => {
    expect(() => fingerprintFromBytes(Buffer.alloc(7))).toThrow(RangeError);
  });

  it('ignores doc: schemas differing only in doc share a fingerprint', () => {
    const a = describeSchema({
      type: 'record',
      name: 'r',
      doc: 'one',
      fields: [{ name: 'f', type: 'int', doc: 'x' }],
    });
    const b = describeSchema({ type: 'record', name: 'r', doc: 'two', fields: [{ name: 'f', type: 'int' }] });
    expect(a.fingerprint.hex).toBe(b.fingerprint.hex);
  });
});
