/**
 * The lint rules of the schema-evolution gate, on the schemas' JSON as written (docs, defaults and aliases
 * are not in avsc's parsed types). Each rule is in schemas/README.md; scripts/schemas-check.ts runs them.
 */

export type Json = Record<string, unknown>;
/** Records one finding: ok or not, in words. */
export type Note = (ok: boolean, text: string) => void;

/** One schema version as JSON, with its named types (records, enums, fixed) by full name. */
export interface SchemaJson {
  readonly version: number;
  readonly json: unknown;
  readonly named: ReadonlyMap<string, Json>;
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const UNSIGNED_32 = /unsigned 32-bit/i;

/** Notes each rule a version breaks; returns how many. */
export function lintVersion(v: SchemaJson, note: Note): number {
  let failures = 0;
  const fail = (text: string) => {
    failures += 1;
    note(false, `v${v.version}: ${text}`);
  };
  for (const [name, schema] of v.named) {
    if (schema['type'] !== 'fixed' && typeof schema['doc'] !== 'string') fail(`${name} has no doc`);
    if (schema['type'] === 'enum' && typeof schema['default'] !== 'string')
      fail(`enum ${name} has no default`);
    for (const field of fields(schema)) {
      const where = `${name}.${String(field['name'])}`;
      if (typeof field['doc'] !== 'string') fail(`field ${where} has no doc`);
      const type = field['type'];
      if (Array.isArray(type)) {
        if (type.length !== 2 || type[0] !== 'null') fail(`field ${where}: a union must be ["null", T]`);
        else if (!('default' in field) || field['default'] !== null)
          fail(`field ${where}: nullable needs default null`);
      }
      const intLike = branches(type).some((t) => t === 'int' || (t as Json | null)?.['type'] === 'int');
      if (intLike && UNSIGNED_32.test(String(field['doc'])))
        fail(`field ${where} is unsigned 32-bit: use long, not int`);
    }
  }
  return failures;
}

/** Notes each evolution rule a later version breaks; returns how many. */
export function lintEvolution(versions: readonly SchemaJson[], note: Note): number {
  let failures = 0;
  const first = versions[0];
  if (first === undefined) return 0;
  const rootName = fullName(first.json as Json, undefined);
  for (const v of versions.slice(1)) {
    const fail = (text: string) => {
      failures += 1;
      note(false, `v${v.version}: ${text}`);
    };
    if (fullName(v.json as Json, undefined) !== rootName)
      fail(`top-level name/namespace changed from ${rootName}`);
    for (const [name, record] of v.named) {
      const origin = versions.find((o) => o.version < v.version && o.named.has(name));
      const originFields = new Set(fields(origin?.named.get(name) ?? {}).map((f) => f['name']));
      for (const field of fields(record)) {
        if (origin === undefined || originFields.has(field['name']) || 'default' in field) continue;
        fail(`field ${name}.${String(field['name'])} added after v${origin.version} has no default`);
      }
    }
    for (const older of versions.filter((o) => o.version < v.version)) {
      for (const rename of findRenames(older, v))
        fail(`${rename} (since v${older.version}); add a new field instead`);
    }
  }
  return failures;
}

/** A field that disappears while another of the same type appears, or a field aliasing an old one. */
function findRenames(older: SchemaJson, newer: SchemaJson): string[] {
  const renames: string[] = [];
  for (const [name, record] of newer.named) {
    const old = older.named.get(name);
    if (old === undefined) continue;
    const oldFields = fields(old);
    const newFields = fields(record);
    const gone = oldFields.filter((o) => !newFields.some((n) => n['name'] === o['name']));
    for (const added of newFields.filter((n) => !oldFields.some((o) => o['name'] === n['name']))) {
      const aliases = Array.isArray(added['aliases']) ? (added['aliases'] as unknown[]) : [];
      const twin = gone.find((g) => aliases.includes(g['name']) || sameType(g['type'], added['type']));
      if (twin !== undefined) {
        renames.push(`field ${name}.${String(twin['name'])} looks renamed to ${String(added['name'])}`);
      }
    }
  }
  return renames;
}

/** Named record/enum/fixed definitions in a schema's JSON, by full name. */
export function namedTypes(
  schema: unknown,
  namespace?: string,
  found = new Map<string, Json>(),
): Map<string, Json> {
  if (Array.isArray(schema)) schema.forEach((branch) => namedTypes(branch, namespace, found));
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return found;
  const json = schema as Json;
  let ns = namespace;
  if (
    typeof json['name'] === 'string' &&
    ['record', 'error', 'enum', 'fixed'].includes(String(json['type']))
  ) {
    const name = fullName(json, namespace);
    found.set(name, json);
    ns = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : undefined;
  }
  for (const field of fields(json)) namedTypes(field['type'], ns, found);
  namedTypes(json['items'], ns, found);
  namedTypes(json['values'], ns, found);
  if (typeof json['type'] === 'object') namedTypes(json['type'], ns, found);
  return found;
}

function fullName(json: Json, namespace: string | undefined): string {
  const name = String(json['name']);
  const ns = typeof json['namespace'] === 'string' ? json['namespace'] : namespace;
  return name.includes('.') || ns === undefined || ns === '' ? name : `${ns}.${name}`;
}

function branches(type: unknown): unknown[] {
  return Array.isArray(type) ? (type as unknown[]) : [type];
}

function fields(json: Json): Json[] {
  return Array.isArray(json['fields']) ? (json['fields'] as Json[]) : [];
}

/** Structural type equality, ignoring docs and defaults; a named reference equals its definition by name. */
function sameType(a: unknown, b: unknown): boolean {
  return signature(a) === signature(b);
}

function signature(type: unknown): string {
  if (typeof type === 'string') return PRIMITIVES.has(type) ? type : (type.split('.').at(-1) ?? type);
  if (Array.isArray(type)) return `[${type.map(signature).join(',')}]`;
  const json = (type ?? {}) as Json;
  if (typeof json['name'] === 'string') return json['name'].split('.').at(-1) ?? '';
  if (json['type'] === 'array') return `array<${signature(json['items'])}>`;
  if (json['type'] === 'map') return `map<${signature(json['values'])}>`;
  return signature(json['type']);
}
