import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import { rabinFingerprint, type Fingerprint } from './rabin.js';

/** A parsed Avro schema. Only src/event/ sees avsc; everyone else passes these around opaquely. */
export type AvroType = avro.Type;
export type AvroResolver = ReturnType<AvroType['createResolver']>;

/** One immutable `schemas/<subject>/v<N>.avsc`. */
export interface SchemaVersion {
  readonly subject: string;
  readonly version: number;
  readonly file: string;
  /** The file's JSON as written (docs, defaults and aliases kept, unlike `type.schema()`). */
  readonly json: unknown;
  readonly type: AvroType;
  /** Parsing Canonical Form (Avro spec): what the fingerprint is computed over. */
  readonly canonicalForm: string;
  readonly fingerprint: Fingerprint;
}

/** Every version of one subject folder, oldest first; `latest` is the one producers write. */
export interface SchemaSubject {
  readonly name: string;
  readonly versions: readonly SchemaVersion[];
  readonly latest: SchemaVersion;
}

/** All subjects under `schemas/`, by folder name. */
export type SchemaSet = ReadonlyMap<string, SchemaSubject>;

const VERSION_FILE = /^v([1-9]\d*)\.avsc$/;

/**
 * Parses an Avro schema the way the bridge always does: every named type must have a name, unions are left
 * unwrapped where avsc can (ours are all `["null", T]`), decoded records are plain data without methods,
 * and no logical type classes are registered: uuid and timestamp-millis values are the plain strings and
 * numbers (milliseconds) of their underlying types, as the event types declare them. Throws avsc's Error on
 * an invalid schema.
 */
function parseSchema(json: unknown): AvroType {
  return avro.Type.forSchema(json as avro.Schema, { noAnonymousTypes: true, omitRecordMethods: true });
}

/** The spec's Parsing Canonical Form; avsc's `schema()` produces it (checked against Avro's vectors). */
function canonicalFormOf(type: AvroType): string {
  return JSON.stringify(type.schema());
}

/** Parses a schema and computes its canonical form and CRC-64-AVRO fingerprint. */
export function describeSchema(json: unknown): {
  type: AvroType;
  canonicalForm: string;
  fingerprint: Fingerprint;
} {
  const type = parseSchema(json);
  const canonicalForm = canonicalFormOf(type);
  return { type, canonicalForm, fingerprint: rabinFingerprint(canonicalForm) };
}

/**
 * Why `reader` cannot read data written with `writer` (avsc's resolver error, which names the offending
 * type), or undefined when it can. Full names must match: stricter than the registry, safe for a gate.
 */
export function whyCannotRead(reader: AvroType, writer: AvroType): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Decodes a bare Avro body written with `writer` into `reader`'s shape; throws avsc's Error. */
export function decodeBody(reader: AvroType, writer: AvroType, body: Buffer): unknown {
  return reader.fromBuffer(body, reader.equals(writer) ? undefined : reader.createResolver(writer));
}

/** The `v<N>.avsc` files of one subject folder as [version, file name], sorted by version. */
export function listVersionFiles(subjectDir: string): [number, string][] {
  return readdirSync(subjectDir)
    .flatMap((file): [number, string][] => {
      const match = VERSION_FILE.exec(file);
      return match?.[1] === undefined ? [] : [[Number(match[1]), file]];
    })
    .sort(([a], [b]) => a - b);
}

/**
 * Reads and parses every `<dir>/<subject>/v<N>.avsc` once, at start-up. Throws (naming the file) on an
 * unreadable or invalid schema, a subject without versions, or a gap in v1..vN: the bridge must not start
 * with a contract it cannot honour. The evolution rules are checked by `npm run schemas:check`, not here.
 */
export function loadSchemas(dir: string): SchemaSet {
  const subjects = new Map<string, SchemaSubject>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) subjects.set(entry.name, loadSubject(dir, entry.name));
  }
  return subjects;
}

function loadSubject(dir: string, subject: string): SchemaSubject {
  const files = listVersionFiles(join(dir, subject));
  const versions = files.map(([version, file], index): SchemaVersion => {
    if (version !== index + 1) throw new Error(`${subject}: v${index + 1}.avsc is missing (found ${file})`);
    const path = join(dir, subject, file);
    try {
      const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
      return { subject, version, file: path, json, ...describeSchema(json) };
    } catch (error) {
      throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  });
  const latest = versions.at(-1);
  if (latest === undefined) throw new Error(`${subject}: no v<N>.avsc in ${join(dir, subject)}`);
  return { name: subject, versions, latest };
}

/** The subject named `name`, or an Error listing the subjects that exist. */
export function getSubject(schemas: SchemaSet, name: string): SchemaSubject {
  const subject = schemas.get(name);
  if (subject === undefined) {
    throw new Error(`no schema subject "${name}" (have: ${[...schemas.keys()].join(', ') || 'none'})`);
  }
  return subject;
}
