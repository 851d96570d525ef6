import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DecodeError, detectFraming, unframeConfluent, unframeSingleObject } from './framing.js';
import type { EventBase } from './event.js';
import { fingerprintFromBytes } from './rabin.js';
import {
  describeSchema,
  getSubject,
  loadSchemas,
  whyCannotRead,
  type AvroResolver,
  type AvroType,
  type SchemaSet,
  type SchemaSubject,
} from './schemas.js';

export { DecodeError, type DecodeErrorReason } from './framing.js';

/** Fetches a writer schema by Confluent schema id, e.g. from a registry's `GET /schemas/ids/{id}`. */
export type SchemaLookup = (schemaId: number) => Promise<unknown>;

export interface EventDecoderOptions {
  /** Every known version of every subject, from `loadSchemas(dir)`. */
  readonly schemas: SchemaSet;
  /** Read only this subject's values; by default every subject's. */
  readonly subject?: string;
  /** Needed only for Confluent-framed values. The result may be the schema object or its JSON text. */
  readonly lookupSchema?: SchemaLookup;
}

/**
 * Reads event values of any known type into the shape of their subject's latest known version (older
 * writers are resolved to it: fields they lack get their defaults). The writer is found by the value's
 * fingerprint (single-object) or schema id (Confluent), and with it the event type. Throws DecodeError with a
 * `reason`, never a BridgeError.
 */
export interface EventDecoder<T> {
  /** Single-object values only (synchronous); a Confluent value throws UNKNOWN_FRAMING (use decodeAsync). */
  decode(value: Uint8Array): T;
  /** Either framing; Confluent ids are looked up once each, then cached (failed lookups are retried). */
  decodeAsync(value: Uint8Array): Promise<T>;
}

interface Writer {
  readonly label: string;
  readonly reader: AvroType;
  readonly resolver: AvroResolver | undefined; // undefined: writer is the reader itself
}

export function createEventDecoder<T = EventBase>(options: EventDecoderOptions): EventDecoder<T> {
  const subjects =
    options.subject === undefined
      ? [...options.schemas.values()]
      : [getSubject(options.schemas, options.subject)];
  const byFingerprint = new Map<string, Writer>();
  const byName = new Map<string, SchemaSubject>();
  for (const subject of subjects) {
    const reader = subject.latest.type;
    byName.set(reader.name ?? subject.name, subject);
    for (const v of subject.versions) {
      byFingerprint.set(v.fingerprint.hex, {
        label: `${subject.name} v${v.version}`,
        reader,
        resolver: v === subject.latest ? undefined : reader.createResolver(v.type),
      });
    }
  }
  const byId = new Map<number, Promise<Writer>>();

  function readBody(writer: Writer, body: Buffer): T {
    try {
      return writer.reader.fromBuffer(body, writer.resolver) as T;
    } catch (error) {
      throw new DecodeError('MALFORMED_BODY', `body does not decode as ${writer.label}: ${String(error)}`, {
        cause: error,
      });
    }
  }

  function decodeSingleObject(value: Uint8Array): T {
    const { fingerprint, body } = unframeSingleObject(value);
    const hex = fingerprintFromBytes(fingerprint).hex;
    const writer = byFingerprint.get(hex);
    if (writer === undefined) {
      throw new DecodeError(
        'UNKNOWN_FINGERPRINT',
        `no known schema version has fingerprint ${hex} (${byFingerprint.size} known); a newer producer may need a newer consumer package`,
      );
    }
    return readBody(writer, body);
  }

  async function writerForId(schemaId: number): Promise<Writer> {
    const lookup = options.lookupSchema;
    if (lookup === undefined) {
      throw new DecodeError(
        'UNKNOWN_SCHEMA_ID',
        `Confluent schema id ${schemaId}: no lookupSchema was given`,
      );
    }
    let pending = byId.get(schemaId);
    if (pending === undefined) {
      pending = resolveWriter(schemaId, lookup, byFingerprint, byName);
      byId.set(schemaId, pending);
      pending.catch(() => byId.delete(schemaId));
    }
    return pending;
  }

  return {
    decode(value) {
      if (detectFraming(value) === 'confluent') {
        throw new DecodeError(
          'UNKNOWN_FRAMING',
          'a Confluent-framed value needs decodeAsync and a schema lookup',
        );
      }
      return decodeSingleObject(value);
    },
    async decodeAsync(value) {
      if (detectFraming(value) !== 'confluent') return decodeSingleObject(value);
      const { schemaId, body } = unframeConfluent(value);
      return readBody(await writerForId(schemaId), body);
    },
  };
}

/**
 * The writer of a Confluent schema id: a version we ship (same fingerprint), or a version we do not know of
 * a record we do (same full name), read with that subject's latest version when the two are compatible.
 */
async function resolveWriter(
  schemaId: number,
  lookup: SchemaLookup,
  known: ReadonlyMap<string, Writer>,
  byName: ReadonlyMap<string, SchemaSubject>,
): Promise<Writer> {
  let writer: AvroType;
  let fingerprintHex: string;
  try {
    const schema: unknown = await lookup(schemaId);
    const described = describeSchema(typeof schema === 'string' ? JSON.parse(schema) : schema);
    writer = described.type;
    fingerprintHex = described.fingerprint.hex;
  } catch (error) {
    throw new DecodeError(
      'UNKNOWN_SCHEMA_ID',
      `Confluent schema id ${schemaId}: lookup failed: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  const knownWriter = known.get(fingerprintHex);
  if (knownWriter !== undefined)
    return { ...knownWriter, label: `${knownWriter.label} (schema id ${schemaId})` };
  const subject = byName.get(writer.name ?? '');
  if (subject === undefined) {
    throw new DecodeError(
      'INCOMPATIBLE_SCHEMA',
      `Confluent schema id ${schemaId} is a ${writer.name ?? 'nameless'} record, which no known event type is`,
    );
  }
  const reader = subject.latest.type;
  const why = whyCannotRead(reader, writer);
  if (why !== undefined) {
    throw new DecodeError(
      'INCOMPATIBLE_SCHEMA',
      `Confluent schema id ${schemaId} cannot be read as the latest version of ${subject.name}: ${why}`,
    );
  }
  return { label: `schema id ${schemaId}`, reader, resolver: reader.createResolver(writer) };
}

let bundledSchemas: SchemaSet | undefined;
let bundledDecoder: EventDecoder<EventBase> | undefined;
const bundledWithLookup = new WeakMap<SchemaLookup, EventDecoder<EventBase>>();

/**
 * Decodes a single-object value of any event type with the schema versions shipped in this package (its
 * `schemas/` folder, read once on first use), into the latest version of its type. Throws DecodeError. The
 * consumer kit (src/index.ts) types the result as the union of every event type.
 */
export function decode(value: Uint8Array): EventBase {
  bundledDecoder ??= createEventDecoder({ schemas: bundled() });
  return bundledDecoder.decode(value);
}

/**
 * As `decode`, and Confluent-framed values too. Pass the same `lookupSchema` function each time: its
 * lookups are cached per function.
 */
export function decodeAsync(value: Uint8Array, lookupSchema: SchemaLookup): Promise<EventBase> {
  let decoder = bundledWithLookup.get(lookupSchema);
  if (decoder === undefined) {
    decoder = createEventDecoder({ schemas: bundled(), lookupSchema });
    bundledWithLookup.set(lookupSchema, decoder);
  }
  return decoder.decodeAsync(value);
}

function bundled(): SchemaSet {
  bundledSchemas ??= loadSchemas(findBundledSchemas());
  return bundledSchemas;
}

/** `schemas/` sits at the package root: two levels up from src/event, three from dist/src/event. */
function findBundledSchemas(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 4; level += 1) {
    dir = dirname(dir);
    if (existsSync(join(dir, 'schemas', 'group-message', 'v1.avsc'))) return join(dir, 'schemas');
  }
  throw new Error(`schemas/group-message not found above ${fileURLToPath(import.meta.url)}`);
}
