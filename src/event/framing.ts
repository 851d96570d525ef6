/**
 * The two ways an Avro body is framed in a Kafka value. Used by the producer and by consumers' decode, so
 * errors are a plain `DecodeError` (no bridge vocabulary, shared with decode.ts) whose `reason` a consumer
 * can switch on.
 *
 * - Avro single-object encoding (spec § Single object encoding): `C3 01`, the schema's 8-byte little-endian
 *   CRC-64-AVRO fingerprint, then the body.
 * - Confluent wire format (schema-registry docs § Wire Format): magic byte `0`, the registry's 4-byte
 *   big-endian schema id, then the body. Magic `1` (16-byte schema GUID) is newer and deliberately unsupported.
 *
 * Unframing returns views into the given bytes, never copies.
 */

export type Framing = 'single-object' | 'confluent';

export type DecodeErrorReason =
  | 'UNKNOWN_FRAMING' // neither C3 01 nor magic 0: not ours, or a bare Avro body
  | 'TRUNCATED' // shorter than the framing's header
  | 'UNKNOWN_FINGERPRINT' // a single-object fingerprint no known schema version has
  | 'UNKNOWN_SCHEMA_ID' // a Confluent schema id the lookup could not resolve
  | 'INCOMPATIBLE_SCHEMA' // the writer schema cannot be read with the reader schema
  | 'MALFORMED_BODY'; // the body does not decode with its writer schema

/** A value could not be unframed or decoded. `message` names the fingerprint, schema id or offset involved. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly reason: DecodeErrorReason;

  constructor(reason: DecodeErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

const SOE_MARKER_0 = 0xc3;
const SOE_MARKER_1 = 0x01;
const SOE_HEADER_LENGTH = 10; // 2 marker bytes + 8 fingerprint bytes
const CONFLUENT_MAGIC = 0x00;
const CONFLUENT_HEADER_LENGTH = 5; // magic byte + int32 schema id

/** The single-object header for a fingerprint given as its 8 wire (little-endian) bytes. */
export function singleObjectHeader(fingerprint: Uint8Array): Buffer {
  if (fingerprint.length !== 8) throw new RangeError(`a fingerprint is 8 bytes, got ${fingerprint.length}`);
  const header = Buffer.allocUnsafe(SOE_HEADER_LENGTH);
  header[0] = SOE_MARKER_0;
  header[1] = SOE_MARKER_1;
  header.set(fingerprint, 2);
  return header;
}

export function frameSingleObject(fingerprint: Uint8Array, body: Uint8Array): Buffer {
  return Buffer.concat([singleObjectHeader(fingerprint), body]);
}

export function frameConfluent(schemaId: number, body: Uint8Array): Buffer {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0x7fffffff) {
    throw new RangeError(`a Confluent schema id is a non-negative int32, got ${schemaId}`);
  }
  const header = Buffer.allocUnsafe(CONFLUENT_HEADER_LENGTH);
  header[0] = CONFLUENT_MAGIC;
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

/**
 * Which framing `value` uses, judged from its first bytes only, or undefined when neither. A bare Avro body
 * can start with any byte, so only call this on values that are framed one way or the other.
 */
export function detectFraming(value: Uint8Array): Framing | undefined {
  if (value[0] === SOE_MARKER_0 && value[1] === SOE_MARKER_1) return 'single-object';
  if (value[0] === CONFLUENT_MAGIC) return 'confluent';
  return undefined;
}

/** Splits a single-object value; throws DecodeError TRUNCATED or UNKNOWN_FRAMING. */
export function unframeSingleObject(value: Uint8Array): { fingerprint: Buffer; body: Buffer } {
  if (detectFraming(value) !== 'single-object') throw unknownFraming(value, 'single-object (C3 01)');
  if (value.length < SOE_HEADER_LENGTH) throw truncated(value, 'single-object', SOE_HEADER_LENGTH);
  return { fingerprint: view(value, 2, SOE_HEADER_LENGTH), body: view(value, SOE_HEADER_LENGTH) };
}

/** Splits a Confluent value; throws DecodeError TRUNCATED or UNKNOWN_FRAMING. */
export function unframeConfluent(value: Uint8Array): { schemaId: number; body: Buffer } {
  if (detectFraming(value) !== 'confluent') throw unknownFraming(value, 'Confluent (magic byte 0)');
  if (value.length < CONFLUENT_HEADER_LENGTH) throw truncated(value, 'Confluent', CONFLUENT_HEADER_LENGTH);
  return { schemaId: view(value, 1, 5).readInt32BE(0), body: view(value, CONFLUENT_HEADER_LENGTH) };
}

function view(value: Uint8Array, start: number, end = value.length): Buffer {
  return Buffer.from(value.buffer, value.byteOffset + start, end - start);
}

function unknownFraming(value: Uint8Array, expected: string): DecodeError {
  const head = Buffer.from(value.subarray(0, 2)).toString('hex') || 'nothing';
  return new DecodeError('UNKNOWN_FRAMING', `expected ${expected} framing, value starts with ${head}`);
}

function truncated(value: Uint8Array, framing: string, needed: number): DecodeError {
  return new DecodeError(
    'TRUNCATED',
    `${framing} value is ${value.length} bytes, its header alone is ${needed}`,
  );
}
