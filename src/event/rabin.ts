/**
 * CRC-64-AVRO, the 64-bit Rabin fingerprint the Avro spec defines for a schema's Parsing Canonical Form
 * (spec § Schema Fingerprints). Single-object encoding writes it as 8 bytes, little-endian.
 */

/** The spec's EMPTY: the fingerprint of no bytes, and the polynomial the table is built from. */
const EMPTY = 0xc15d213aa4d7a795n;
const MASK_64 = 0xffffffffffffffffn;

/** The 256-entry table of the spec's pseudo-code, built once at module load. */
const TABLE: readonly bigint[] = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let bit = 0; bit < 8; bit += 1) {
    fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  }
  return fp & MASK_64;
});

/** A schema fingerprint in the forms people and wire formats need. */
export interface Fingerprint {
  /** Unsigned 64-bit value. */
  readonly value: bigint;
  /** The 8 bytes as single-object encoding writes them (little-endian). Do not mutate. */
  readonly bytes: Buffer;
  /** `value` as 16 hex digits, most significant first, e.g. `c15d213aa4d7a795`. */
  readonly hex: string;
  /** `value` as Java's `SchemaNormalization.parsingFingerprint64` prints it (signed), for cross-checks. */
  readonly signed: bigint;
}

/** CRC-64-AVRO of the UTF-8 bytes of `canonicalForm` (pass the Parsing Canonical Form, not any schema text). */
export function rabinFingerprint(canonicalForm: string): Fingerprint {
  let fp = EMPTY;
  for (const byte of Buffer.from(canonicalForm, 'utf8')) {
    fp = (fp >> 8n) ^ (TABLE[Number((fp ^ BigInt(byte)) & 0xffn)] ?? 0n);
  }
  return fingerprintFromValue(fp);
}

/** Builds a Fingerprint from its 8 little-endian wire bytes (throws a RangeError unless exactly 8). */
export function fingerprintFromBytes(bytes: Uint8Array): Fingerprint {
  if (bytes.length !== 8) {
    throw new RangeError(`a fingerprint is 8 bytes, got ${bytes.length}`);
  }
  return fingerprintFromValue(Buffer.from(bytes).readBigUInt64LE(0));
}

function fingerprintFromValue(value: bigint): Fingerprint {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(value);
  return {
    value,
    bytes,
    hex: value.toString(16).padStart(16, '0'),
    signed: BigInt.asIntN(64, value),
  };
}
