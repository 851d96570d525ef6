import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  detectFraming,
  frameConfluent,
  frameSingleObject,
  unframeConfluent,
  unframeSingleObject,
} from '../../../src/event/framing.js';
import { decodeBody, describeSchema } from '../../../src/event/schemas.js';

const fixture = (name: string) => new URL(`../../fixtures/avro/messageV1/${name}`, import.meta.url);
const testSchema = describeSchema(JSON.parse(readFileSync(fixture('test_schema.avsc'), 'utf8')));
const testMessage: unknown = JSON.parse(readFileSync(fixture('test_message.json'), 'utf8'));

/** Avro's messageV1 golden message, spelled out from the spec (see test/fixtures/avro/README.md). */
const MESSAGE_V1_BODY = Buffer.concat([
  Buffer.from([0x54]), // id 42, zig-zag
  Buffer.from([0x08]), // "Bill": length 4, zig-zag
  Buffer.from('Bill'),
  Buffer.from([0x04]), // tags: one block of 2 items
  Buffer.from([0x12]), // length 9
  Buffer.from('dog_lover'),
  Buffer.from([0x12]),
  Buffer.from('cat_hater'),
  Buffer.from([0x00]), // end of array
]);

const hex = (value: Uint8Array) => Buffer.from(value).toString('hex');

function expectDecodeError(run: () => unknown, reason: DecodeError['reason'], message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DecodeError);
  expect(caught).toMatchObject({ reason, message: expect.stringMatching(message) as unknown });
}

describe('src/event/framing', () => {
  it('frames Avro’s messageV1 test message as the spec lays it out', () => {
    const framed = frameSingleObject(testSchema.fingerprint.bytes, testSchema.type.toBuffer(testMessage));
    expect(testSchema.canonicalForm).toBe(
      '{"name":"org.apache.avro.TestMessage","type":"record","fields":[{"name":"id","type":"long"},' +
        '{"name":"name","type":"string"},{"name":"tags","type":{"type":"array","items":"string"}}]}',
    );
    expect(testSchema.fingerprint.hex).toBe('3df542a2f8e12da9');
    expect(hex(framed)).toBe(`c301a92de1f8a242f53d${hex(MESSAGE_V1_BODY)}`);
    expect(framed).toHaveLength(10 + 28);
  });

  it('unframes a single-object value into its fingerprint and body, without copying', () => {
    const framed = frameSingleObject(testSchema.fingerprint.bytes, MESSAGE_V1_BODY);
    const { fingerprint, body } = unframeSingleObject(framed);
    expect(hex(fingerprint)).toBe(hex(testSchema.fingerprint.bytes));
    expect(decodeBody(testSchema.type, testSchema.type, body)).toEqual(testMessage);
    expect(body.buffer).toBe(framed.buffer);
  });

  it('writes the Confluent schema id big-endian after magic byte 0', () => {
    const framed = frameConfluent(0x01020304, Buffer.from([0xaa, 0xbb]));
    expect(hex(framed)).toBe('0001020304aabb');
    expect(unframeConfluent(framed)).toEqual({ schemaId: 0x01020304, body: Buffer.from([0xaa, 0xbb]) });
  });

  it('unframes views of a Uint8Array that starts inside a larger buffer', () => {
    const backing = new Uint8Array([9, 9, 0, 0, 0, 0, 7, 0x2a]);
    expect(unframeConfluent(backing.subarray(2))).toEqual({ schemaId: 7, body: Buffer.from([0x2a]) });
  });

  it('refuses schema ids that are not a non-negative int32', () => {
    expect(() => frameConfluent(-1, Buffer.alloc(0))).toThrow(RangeError);
    expect(() => frameConfluent(2 ** 31, Buffer.alloc(0))).toThrow(RangeError);
  });

  it('detects each framing from the first bytes', () => {
    expect(detectFraming(Buffer.from('c3010000000000000000', 'hex'))).toBe('single-object');
    expect(detectFraming(Buffer.from('0000000001', 'hex'))).toBe('confluent');
    expect(detectFraming(Buffer.from('7b7d', 'hex'))).toBeUndefined();
    expect(detectFraming(Buffer.from('01', 'hex'))).toBeUndefined(); // Confluent magic 1 is unsupported
    expect(detectFraming(new Uint8Array(0))).toBeUndefined();
  });

  it('names the bytes it found when the framing is not the expected one', () => {
    expectDecodeError(
      () => unframeSingleObject(Buffer.from('{"a":1}')),
      'UNKNOWN_FRAMING',
      /starts with 7b22/,
    );
    expectDecodeError(() => unframeConfluent(Buffer.from('c301', 'hex')), 'UNKNOWN_FRAMING', /magic byte 0/);
  });

  it('reports values shorter than their header as truncated', () => {
    expectDecodeError(() => unframeSingleObject(Buffer.from('c30112', 'hex')), 'TRUNCATED', /3 bytes/);
    expectDecodeError(() => unframeConfluent(Buffer.from('0000', 'hex')), 'TRUNCATED', /2 bytes/);
  });

  it('refuses a fingerprint that is not 8 bytes', () => {
    expect(() => frameSingleObject(Buffer.alloc(4), Buffer.alloc(0))).toThrow(RangeError);
  });
});
