import { BridgeError } from '../errors.js';
import { singleObjectHeader } from './framing.js';
import type { GroupMessageSentV1 } from './group-message.v1.js';
import type { Fingerprint } from './rabin.js';
import { getSubject, type AvroType, type SchemaSet, type SchemaVersion } from './schemas.js';

/** Our event's Avro encoder for one subject, bound to the subject's latest schema version. */
export interface EventCodec<T extends object> {
  readonly subject: string;
  readonly schemaVersion: number;
  readonly fingerprint: Fingerprint;
  /** `fingerprint.hex`: the schema identity put in record headers. */
  readonly schemaId: string;
  /**
   * The event as an Avro single-object value (C3 01, fingerprint, body), in a new Buffer the caller owns.
   * Total over validated events: avsc checks every value while writing, and a value that does not match
   * the schema throws BridgeError INTERNAL (a bug upstream); nothing partial is ever returned.
   */
  encode(event: T): Buffer;
  /** The bare Avro body (no framing), in a new Buffer; same contract as `encode`. */
  encodeBody(event: T): Buffer;
}

/** 16 KiB covers a typical event many times over; the scratch buffer grows (never shrinks) on demand. */
const INITIAL_SCRATCH_BYTES = 16 * 1024;
const HEADER_BYTES = 10;

/**
 * Builds the encoder of `subject`'s latest version. The avsc Type was built once by loadSchemas; encoding
 * writes into one reusable scratch buffer (header pre-written) and copies out only the used bytes, so an
 * event costs one small allocation. Encoding is synchronous, so callers can share one codec safely.
 */
export function createEventCodec<T extends object = GroupMessageSentV1>(
  schemas: SchemaSet,
  subject = 'group-message',
): EventCodec<T> {
  const latest = getSubject(schemas, subject).latest;
  const header = singleObjectHeader(latest.fingerprint.bytes);
  let scratch = withHeader(Buffer.allocUnsafe(INITIAL_SCRATCH_BYTES), header);

  function write(event: T): number {
    try {
      let end = latest.type.encode(event, scratch, HEADER_BYTES);
      if (end < 0) {
        scratch = withHeader(Buffer.allocUnsafe(Math.max(2 * scratch.length, scratch.length - end)), header);
        end = latest.type.encode(event, scratch, HEADER_BYTES);
      }
      return end;
    } catch (error) {
      throw mismatch(latest, event, error);
    }
  }

  /** Reads `scratch` only after `write` ran: a write may have replaced it with a larger buffer. */
  function copyOut(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start); // pooled for small sizes: cheaper than Buffer.from(view)
    scratch.copy(out, 0, start, end);
    return out;
  }

  return {
    subject,
    schemaVersion: latest.version,
    fingerprint: latest.fingerprint,
    schemaId: latest.fingerprint.hex,
    encode: (event) => copyOut(0, write(event)),
    encodeBody: (event) => copyOut(HEADER_BYTES, write(event)),
  };
}

function withHeader(buffer: Buffer, header: Buffer): Buffer {
  header.copy(buffer, 0);
  return buffer;
}

/** Slow path only: re-walks the value to name the first path that does not match. */
function mismatch(version: SchemaVersion, event: unknown, cause: unknown): BridgeError {
  const path = firstInvalidPath(version.type, event);
  return new BridgeError(
    'INTERNAL',
    `event does not match schema ${version.subject} v${version.version}${path === undefined ? '' : ` at ${path}`}`,
    { cause, details: { subject: version.subject, schemaVersion: version.version, path } },
  );
}

function firstInvalidPath(type: AvroType, value: unknown): string | undefined {
  let found: string | undefined;
  type.isValid(value, {
    errorHook: (path: string[]) => {
      found ??= `/${path.join('/')}`;
    },
  });
  return found;
}
