import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRecordEncoder,
  installFastRecordEncoding,
  kafkajsRecordEncoding,
  type RecordFields,
} from '../../../src/kafka/record-encoding.js';

const { original, encoderClass } = kafkajsRecordEncoding();
const fast = createRecordEncoder(original, encoderClass);

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const bytes = fc.oneof(
  text,
  fc.uint8Array({ maxLength: 300 }).map((array) => Buffer.from(array)),
  // Long enough for two- and three-byte length varints.
  fc.integer({ min: 60, max: 20_000 }).map((length) => Buffer.alloc(length, 7)),
);
const headerValue = fc.oneof(bytes, fc.array(bytes, { maxLength: 3 }));
const fields: fc.Arbitrary<RecordFields> = fc.record(
  {
    offsetDelta: fc.oneof(fc.nat(600), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
    timestampDelta: fc.oneof(fc.constant(0), fc.integer(), fc.maxSafeInteger()),
    key: fc.oneof(fc.constant(null), fc.constant(undefined), bytes),
    value: fc.oneof(fc.constant(null), fc.constant(undefined), bytes),
    headers: fc.dictionary(text, headerValue, { maxKeys: 10 }),
  },
  { requiredKeys: [] },
);

/** What kafkajs's produce request reads of an encoded record. */
function bytesOf(encode: (fields: RecordFields) => { readonly buffer: Buffer }, input: RecordFields) {
  try {
    return { bytes: Buffer.from(encode(input).buffer).toString('hex') };
  } catch (error) {
    return { error: String(error) };
  }
}

describe('the fast Kafka record encoder', () => {
  it('writes exactly the bytes kafkajs writes, for any record', () => {
    fc.assert(
      fc.property(fields, (input) => {
        expect(bytesOf(fast, input)).toEqual(bytesOf(original, input));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes an event record with our headers byte for byte as kafkajs does, as a kafkajs Encoder', () => {
    const input = {
      offsetDelta: 17,
      key: '@TGS#2J4SZEAEL',
      value: Buffer.from('c301', 'hex'),
      headers: { ce_id: '7c6f0271-285f-54e8-8558-4a3693c96b6e', ce_source: '/tencent-im/1400000000' },
    };
    const encoded = fast(input);
    expect(encoded).toBeInstanceOf(encoderClass as unknown as new () => object);
    expect(encoded.buffer.equals(original(input).buffer)).toBe(true);
  });

  it("leaves to kafkajs what it does not take (a null header value), with kafkajs's error", () => {
    const input = { key: 'k', value: 'v', headers: { broken: null } };
    expect(() => fast(input)).toThrow(TypeError);
    expect(bytesOf(fast, input)).toEqual(bytesOf(original, input));
  });

  it("is what kafkajs's produce request uses once installed", () => {
    const require = createRequire(import.meta.url);
    expect(installFastRecordEncoding()).toEqual({ installed: true });
    const used = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as unknown;
    expect(used).not.toBe(original);
    expect(installFastRecordEncoding()).toEqual({ installed: true });
  });
});
