import { createRequire } from 'node:module';

/**
 * A faster, byte-identical encoder for kafkajs's Kafka record (v2 record format, one record of a batch).
 *
 * kafkajs 2.2.4 (its last release) builds each record through two dozen small allocations: a zero-filled
 * 512-byte Encoder for the record and one more per header, an array and a Buffer.from per varint, BigInt
 * arithmetic for the timestamp delta. With our eight headers that is about 20 µs per record, the largest
 * single cost of a published callback. This writes the same bytes into one exactly-sized buffer.
 *
 * kafkajs takes the record encoder from its module `src/protocol/recordBatch/record/v0`, which the produce
 * request module requires once, when the first produce request is built. `installFastRecordEncoding` puts
 * ours in that module's place before then. It does nothing (and says so) for another kafkajs version, or
 * once a produce request was built; records then go through kafkajs's own encoder, which is only slower.
 * Input outside the fast path (a header value that is neither a string nor a Buffer, a timestamp delta past
 * ±2^30) goes to kafkajs's own encoder, so that behaviour, errors included, stays kafkajs's.
 */

/** What kafkajs's produce request passes to the record encoder (its Record v0 fields). */
export interface RecordFields {
  readonly offsetDelta?: number;
  readonly timestampDelta?: number;
  readonly key?: unknown;
  readonly value?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
}

/** kafkajs's Encoder, as far as the record encoder's callers use it. */
export interface EncoderLike {
  buf: Buffer;
  offset: number;
  readonly buffer: Buffer;
}

export type RecordEncoder = (fields: RecordFields) => EncoderLike;

const KAFKAJS_VERSION = '2.2.4';
const require = createRequire(import.meta.url);
const RECORD_MODULE = 'kafkajs/src/protocol/recordBatch/record/v0/index.js';
/** Every produce request version that encodes records with the record module (v3 to v7 reuse v3's). */
const PRODUCE_MODULE = 'kafkajs/src/protocol/requests/produce/v3/request.js';
const ENCODER_MODULE = 'kafkajs/src/protocol/encoder.js';

export type InstallOutcome =
  { readonly installed: true } | { readonly installed: false; readonly reason: string };

let outcome: InstallOutcome | undefined;
/** Where our encoder keeps kafkajs's, which it falls back to. */
const ORIGINAL = Symbol('kafkajs record encoder');

/** Idempotent; call before the first produce request. */
export function installFastRecordEncoding(): InstallOutcome {
  outcome ??= install();
  return outcome;
}

function install(): InstallOutcome {
  try {
    return replaceRecordModule();
  } catch (error) {
    // A layout this does not know (a bundle, another copy of kafkajs): kafkajs keeps its own encoder.
    return { installed: false, reason: `kafkajs's record module could not be replaced: ${String(error)}` };
  }
}

function replaceRecordModule(): InstallOutcome {
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== KAFKAJS_VERSION) {
    return { installed: false, reason: `kafkajs is ${version}, the fast path is for ${KAFKAJS_VERSION}` };
  }
  const recordPath = require.resolve(RECORD_MODULE);
  if (require.cache[require.resolve(PRODUCE_MODULE)] !== undefined) {
    return { installed: false, reason: 'a produce request was built before the fast path was installed' };
  }
  const original = require(recordPath) as RecordEncoder;
  const cached = require.cache[recordPath];
  if (cached === undefined) return { installed: false, reason: 'the record module is not cached' };
  cached.exports = createRecordEncoder(original, require(ENCODER_MODULE) as { prototype: object });
  return { installed: true };
}

/** kafkajs's own record encoder and Encoder class, for tests that compare bytes with ours. */
export function kafkajsRecordEncoding(): { original: RecordEncoder; encoderClass: { prototype: object } } {
  const recordPath = require.resolve(RECORD_MODULE);
  const loaded = require(recordPath) as RecordEncoder & { [ORIGINAL]?: RecordEncoder };
  return {
    original: loaded[ORIGINAL] ?? loaded,
    encoderClass: require(ENCODER_MODULE) as { prototype: object },
  };
}

/** Within this, 32- and 64-bit zigzag varints have the same bytes (kafkajs uses 64-bit for timestamps). */
const SMALL = 2 ** 30;

/**
 * The record encoder: ours for records of string or Buffer (or absent) keys, values and header values with
 * integer deltas below 2^30, kafkajs's `original` otherwise. Returns a real kafkajs Encoder (its prototype),
 * holding exactly the record's bytes.
 */
export function createRecordEncoder(original: RecordEncoder, encoderClass: { prototype: object }) {
  const encode = (fields: RecordFields): EncoderLike => {
    const { offsetDelta = 0, timestampDelta = 0, key, value, headers = {} } = fields;
    if (!isSmallInteger(offsetDelta) || !isSmallInteger(timestampDelta)) return original(fields);
    if (!isBytes(key) || !isBytes(value)) return original(fields);
    const names = Object.keys(headers);
    const headerValues: unknown[] = [];
    let headerCount = 0;
    let headerBytes = 0;
    for (const name of names) {
      const given = headers[name];
      const values = Array.isArray(given) ? (given as unknown[]) : [given];
      for (const one of values) {
        if (!isBytesPresent(one)) return original(fields);
        headerCount++;
        headerBytes += sizeOfBytes(name) + sizeOfBytes(one);
      }
      headerValues.push(given);
    }
    const bodyBytes =
      1 +
      sizeOfVarInt(timestampDelta) +
      sizeOfVarInt(offsetDelta) +
      sizeOfBytes(key) +
      sizeOfBytes(value) +
      sizeOfVarInt(headerCount) +
      headerBytes;
    const out = Buffer.allocUnsafe(sizeOfVarInt(bodyBytes) + bodyBytes);
    let at = writeVarInt(out, 0, bodyBytes);
    out[at++] = 0; // attributes: none are used in a record
    at = writeVarInt(out, at, timestampDelta);
    at = writeVarInt(out, at, offsetDelta);
    at = writeBytes(out, at, key);
    at = writeBytes(out, at, value);
    at = writeVarInt(out, at, headerCount);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const given = headerValues[i];
      const values = Array.isArray(given) ? (given as unknown[]) : [given];
      for (const one of values) at = writeBytes(out, writeBytes(out, at, name), one);
    }
    const encoder = Object.create(encoderClass.prototype) as EncoderLike;
    encoder.buf = out;
    encoder.offset = at;
    return encoder;
  };
  return Object.assign(encode, { [ORIGINAL]: original });
}

function isSmallInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > -SMALL && value < SMALL;
}

/** A key or value kafkajs writes as bytes: absent (written as length -1), a string (UTF-8) or a Buffer. */
function isBytes(value: unknown): value is string | Buffer | null | undefined {
  return value == null || isBytesPresent(value);
}

/** A header value kafkajs can size and write: a string or a Buffer (it throws on null). */
function isBytesPresent(value: unknown): value is string | Buffer {
  return typeof value === 'string' || Buffer.isBuffer(value);
}

function byteLength(value: string | Buffer): number {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
}

function sizeOfBytes(value: unknown): number {
  if (value == null) return 1; // varint -1
  const length = byteLength(value as string | Buffer);
  return sizeOfVarInt(length) + length;
}

/** kafkajs's zigzag varint: `(v << 1) ^ (v >> 31)`, then 7 bits per byte while bits above the 7th remain. */
function sizeOfVarInt(value: number): number {
  let rest = (value << 1) ^ (value >> 31);
  let bytes = 1;
  while ((rest & 0xffffff80) !== 0) {
    bytes++;
    rest >>>= 7;
  }
  return bytes;
}

function writeVarInt(out: Buffer, at: number, value: number): number {
  let rest = (value << 1) ^ (value >> 31);
  let offset = at;
  while ((rest & 0xffffff80) !== 0) {
    out[offset++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  out[offset++] = rest & 0x7f;
  return offset;
}

function writeBytes(out: Buffer, at: number, value: unknown): number {
  if (value == null) return writeVarInt(out, at, -1);
  if (typeof value === 'string') {
    const length = Buffer.byteLength(value, 'utf8');
    const start = writeVarInt(out, at, length);
    return start + out.write(value, start, length, 'utf8');
  }
  const bytes = value as Buffer;
  const start = writeVarInt(out, at, bytes.length);
  return start + bytes.copy(out, start);
}
