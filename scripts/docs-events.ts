// Rewrites the event catalogue of README.md from the command table and the schemas (npm run docs:events);
// test/unit/docs/event-catalogue.test.ts fails when the README and this disagree.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALLBACK_RECEIVED_SUBJECT } from '../src/commands/callback-received.js';
import type { AnyCommandEntry, Stream } from '../src/commands/command.js';
import { COMMANDS } from '../src/commands/table.js';
import { Settings } from '../src/config/settings.js';
import type { EventBase } from '../src/event/event.js';
import { getSubject, loadSchemas, type SchemaSet, type SchemaSubject } from '../src/event/schemas.js';

type Json = Record<string, unknown>;

const GOLDEN = fileURLToPath(new URL('../test/golden/', import.meta.url));

/** The fields every event has; the catalogue lists them once, above the table. */
const ENVELOPE = new Set(['eventId', 'eventType', 'schemaVersion', 'receivedTime', 'source']);

const TOPICS: Readonly<Record<Stream, string>> = {
  group: `\`${String(Settings.properties.BRIDGE_KAFKA_TOPIC.default)}\``,
  app: `\`${String(Settings.properties.BRIDGE_KAFKA_APP_TOPIC.default)}\``,
};

/**
 * The event field an entry keys its records by, found by running its `key` on its first golden event and
 * looking for the field (at most one record deep) that holds that value: what the code does, not a claim.
 */
function keyField(entry: AnyCommandEntry, subject: SchemaSubject): string {
  const dir = join(GOLDEN, subject.name, `v${subject.latest.version}`);
  const first = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()[0];
  if (first === undefined) throw new Error(`${subject.name}: no golden event to find its key in`);
  const event = JSON.parse(readFileSync(join(dir, first), 'utf8')) as EventBase & Json;
  const key = entry.key(event);
  for (const [name, value] of Object.entries(event)) {
    if (value === key) return name;
    if (typeof value !== 'object' || value === null) continue;
    for (const [inner, innerValue] of Object.entries(value))
      if (innerValue === key) return `${name}.${inner}`;
  }
  throw new Error(`${entry.command}: no field of ${first} holds its key ${key}`);
}

/** An Avro type in a few characters: `string?` for a nullable string, `[Member]` for an array of records. */
function shortType(type: unknown): string {
  if (typeof type === 'string') return type.replace(/^.*\./, '');
  if (Array.isArray(type)) return `${shortType(type.find((branch) => branch !== 'null'))}?`;
  const t = type as Json;
  if (t['type'] === 'array') return `[${shortType(t['items'])}]`;
  if (t['type'] === 'map') return `{${shortType(t['values'])}}`;
  if (t['type'] === 'record' || t['type'] === 'enum') return String(t['name']);
  if (typeof t['logicalType'] === 'string') return t['logicalType'].replace('timestamp-millis', 'time');
  return shortType(t['type']);
}

/** `name: type`; a field whose type is a record defined right there shows that record's fields, one level. */
function describeField(field: Json): string {
  const type = field['type'] as Json;
  const inner =
    typeof type === 'object' && type['type'] === 'record' ? (type['fields'] as Json[]) : undefined;
  const shown =
    inner === undefined
      ? shortType(type)
      : `{${inner.map((f) => `${String(f['name'])}: ${shortType(f['type'])}`).join(', ')}}`;
  return `${String(field['name'])}: ${shown}`;
}

function row(schemas: SchemaSet, subject: string, command: string, stream: Stream, key: string): string {
  const latest = schemas.get(subject)?.latest;
  if (latest === undefined) throw new Error(`no schema subject ${subject}`);
  const json = latest.json as Json & { fields: Json[] };
  const doc = json.fields.find((f) => f['name'] === 'eventType')?.['doc'];
  const typeDoc = typeof doc === 'string' ? doc : '';
  const eventType = /always (\S+) for this schema/.exec(typeDoc)?.[1];
  if (eventType === undefined)
    throw new Error(`${subject}: its eventType doc does not say "always <type> for this schema"`);
  const fields = json.fields
    .filter((f) => !ENVELOPE.has(String(f['name'])))
    .map(describeField)
    .join(', ');
  const topic = TOPICS[stream];
  return `| \`${eventType}\` | ${command} | [\`${String(json['name'])}\` v${latest.version}](schemas/${subject}/v${latest.version}.avsc) | ${topic} | ${key} | ${fields} |`;
}

/** The catalogue: one row per event type, the per-group stream first, in table order. */
export function eventCatalogue(schemas: SchemaSet): string {
  const ordered = [...COMMANDS].sort((a, b) => (a.stream === b.stream ? 0 : a.stream === 'group' ? -1 : 1));
  return [
    '| Event type | Tencent command | Record (schema) | Default topic | Key | Fields besides the envelope |',
    '| --- | --- | --- | --- | --- | --- |',
    ...ordered.map((entry) =>
      row(
        schemas,
        entry.subject,
        `\`${entry.command}\``,
        entry.stream,
        keyField(entry, getSubject(schemas, entry.subject)),
      ),
    ),
    row(schemas, CALLBACK_RECEIVED_SUBJECT, 'any other after-callback', 'app', 'eventId'), // see src/pipeline.ts
  ].join('\n');
}

const BLOCK = /(<!-- events:start -->\n)[\s\S]*?(<!-- events:end -->)/;

/** The catalogue as the README holds it, or undefined when the markers are missing. */
export function readmeCatalogue(readme: string): string | undefined {
  return /<!-- events:start -->\n([\s\S]*?)\n<!-- events:end -->/.exec(readme)?.[1];
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = new URL('..', import.meta.url);
  const path = new URL('README.md', root);
  const schemas = loadSchemas(fileURLToPath(new URL('schemas', root)));
  const readme = readFileSync(path, 'utf8');
  if (!BLOCK.test(readme))
    throw new Error('README.md has no <!-- events:start --> … <!-- events:end --> block');
  writeFileSync(
    path,
    readme.replace(BLOCK, (_all, start: string, end: string) => `${start}${eventCatalogue(schemas)}\n${end}`),
  );
  execFileSync('npx', ['prettier', '--write', 'README.md'], { stdio: 'inherit' });
}
