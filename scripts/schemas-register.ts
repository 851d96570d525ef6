import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSchemas, type SchemaSet } from '../src/event/schemas.js';
import { createRegistryClient, schemaText, type RegistryClient } from '../src/registry/registry-client.js';
import { Settings } from '../src/config/settings.js';
import { subjectName, type SubjectNameStrategy } from '../src/registry/subject-name.js';

/**
 * The explicit registration step a deploy pipeline runs before a new bridge version takes traffic
 * (`npm run schemas:register -- --url …`). For each `schemas/<folder>/`: set the subject's compatibility to
 * FULL_TRANSITIVE, then for v1..vN in order, skip versions already registered, ask the registry whether the
 * next one is compatible, and register it. Idempotent: a second run registers nothing. Stops at the first
 * refused version, so a later version is never registered over a gap.
 */
export interface RegisterOptions {
  readonly client: RegistryClient;
  readonly schemas: SchemaSet;
  readonly strategy: SubjectNameStrategy;
  /** Topic of each schema folder (topic strategy); `*` applies to every folder. */
  readonly topics: ReadonlyMap<string, string>;
  /** Look up and test only: no compatibility change, no registration. */
  readonly dryRun: boolean;
  readonly log: (line: string) => void;
}

export type Outcome = 'already registered' | 'registered' | 'would register';

export interface Registration {
  readonly subject: string;
  readonly version: number;
  readonly outcome: Outcome;
  /** The registry id; undefined for `would register`. */
  readonly id: number | undefined;
}

const COMPATIBILITY = 'FULL_TRANSITIVE';

export async function registerSchemas(options: RegisterOptions): Promise<Registration[]> {
  const { client, strategy, dryRun, log } = options;
  const done: Registration[] = [];
  for (const folder of options.schemas.values()) {
    const topic = options.topics.get(folder.name) ?? options.topics.get('*');
    if (strategy === 'topic' && topic === undefined)
      throw new Error(`no topic for schemas/${folder.name} (--topic ${folder.name}=<topic>)`);
    const subject = subjectName(strategy, topic ?? '', folder.latest.json);
    if (!dryRun) await client.setCompatibility(subject, COMPATIBILITY);
    log(`${subject}: compatibility ${dryRun ? `would be set to ${COMPATIBILITY}` : COMPATIBILITY}`);
    for (const version of folder.versions) {
      const schema = schemaText(version.json);
      const existing = await client.lookupSchemaId(subject, schema);
      if (existing !== undefined) {
        done.push({ subject, version: version.version, outcome: 'already registered', id: existing });
      } else {
        const verdict = await client.testCompatibility(subject, schema);
        if (!verdict.compatible) {
          const why = verdict.messages.length > 0 ? `: ${verdict.messages.join('; ')}` : '';
          throw new Error(
            `${subject}: ${version.file} is not ${COMPATIBILITY}-compatible with the registered versions${why}`,
          );
        }
        const id = dryRun ? undefined : await client.register(subject, schema);
        done.push({
          subject,
          version: version.version,
          outcome: dryRun ? 'would register' : 'registered',
          id,
        });
      }
      const last = done.at(-1);
      log(
        `${subject}: v${version.version} ${last?.outcome ?? ''}${last?.id === undefined ? '' : ` (id ${last.id})`}`,
      );
    }
  }
  return done;
}

/** `--topic <topic>` (every folder) or `--topic <folder>=<topic>`, repeatable. */
export function parseTopics(values: readonly string[]): Map<string, string> {
  const topics = new Map<string, string>();
  for (const value of values.length === 0
    ? [String(Settings.properties.BRIDGE_KAFKA_TOPIC.default)]
    : values) {
    const eq = value.indexOf('=');
    if (eq < 0) topics.set('*', value);
    else topics.set(value.slice(0, eq), value.slice(eq + 1));
  }
  return topics;
}

const USAGE = `usage: npm run schemas:register -- --url <registry> [--subject-strategy record|topic] [--topic <topic> | --topic <folder>=<topic>]... [--dry-run] [--timeout-ms 10000]
  record (the default): one subject per record, <namespace>.<name>; topic: <topic>-value, for topics that carry one record type
  credentials, when the registry needs them: BRIDGE_SCHEMA_REGISTRY_USERNAME, BRIDGE_SCHEMA_REGISTRY_PASSWORD`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'subject-strategy': {
        type: 'string',
        default: String(Settings.properties.BRIDGE_SCHEMA_REGISTRY_SUBJECT_STRATEGY.default),
      },
      topic: { type: 'string', multiple: true, default: [] },
      'dry-run': { type: 'boolean', default: false },
      'timeout-ms': { type: 'string', default: '10000' },
    },
  });
  const strategy = values['subject-strategy'];
  if (values.url === undefined || (strategy !== 'topic' && strategy !== 'record')) throw new Error(USAGE);
  const username = process.env['BRIDGE_SCHEMA_REGISTRY_USERNAME'];
  const password = process.env['BRIDGE_SCHEMA_REGISTRY_PASSWORD'];
  const client = createRegistryClient({
    url: values.url,
    timeoutMs: Number(values['timeout-ms']),
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  });
  const root = fileURLToPath(new URL('..', import.meta.url));
  const done = await registerSchemas({
    client,
    schemas: loadSchemas(join(root, 'schemas')),
    strategy,
    topics: parseTopics(values.topic),
    dryRun: values['dry-run'],
    log: (line) => {
      console.log(line);
    },
  });
  const changed = done.filter((r) => r.outcome !== 'already registered').length;
  console.log(
    `schemas:register ${values['dry-run'] ? 'dry run: would register' : 'registered'} ${changed} new version(s)`,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
