import { readFileSync } from 'node:fs';
import type { Settings } from './config/settings.js';
import { createEventCodec, type EventCodec } from './event/codec.js';
import type { EventBase } from './event/event.js';
import { getSubject, type SchemaSet } from './event/schemas.js';
import type { Logger } from './logger.js';
import type { EventEncoder } from './records.js';
import { createRegistryClient, schemaText, type RegistryClient } from './registry/registry-client.js';
import { confluentEncoder, resolveSchemaId } from './registry/schema-id.js';
import { subjectName } from './registry/subject-name.js';

/** How long one registry request may take at start before the bridge gives up starting. */
const REGISTRY_TIMEOUT_MS = 10_000;

/** A schema subject (a `schemas/` folder) written to a topic: the pairs the pipeline will publish. */
export interface SubjectUse {
  readonly subject: string;
  readonly topic: string;
}

/** The pipeline's encoders: one per subject and topic it publishes, all resolved at start. */
export interface EventEncoders {
  /** The encoder of `subject`'s latest version for `topic`; throws when start did not resolve it (a bug). */
  encoderFor(subject: string, topic: string): EventEncoder;
}

/**
 * The pipeline's encoders for the configured framing. Single-object needs nothing outside. Confluent resolves
 * the registry id of each subject's latest schema once, here, at start, all at once; a registry that cannot
 * answer stops the start. The registry is never consulted again, so an outage later does not stop publishing.
 * Several record types share a topic (the per-group stream), so the record-name strategy is the one that
 * works with them; the topic strategy is refused for a topic that would carry more than one record type.
 */
export async function createEncoders(
  settings: Settings,
  schemas: SchemaSet,
  uses: readonly SubjectUse[],
  logger: Logger,
): Promise<EventEncoders> {
  const single = singleObjectEncoders(schemas);
  for (const use of uses) single.encoderFor(use.subject, use.topic); // an unknown subject fails the start
  if (settings.BRIDGE_EVENT_FRAMING === 'single-object') return single;
  const codecOf = (subject: string) => single.encoderFor(subject, '') as EventCodec<EventBase>;
  const strategy = settings.BRIDGE_SCHEMA_REGISTRY_SUBJECT_STRATEGY;
  if (strategy === 'topic') refuseSharedTopics(uses);
  const client = createRegistryClientFor(settings);
  const registrySubjects = new Map<string, { subject: string; folder: string }>();
  for (const use of uses) {
    const json = getSubject(schemas, use.subject).latest.json;
    registrySubjects.set(`${use.subject}\u0000${use.topic}`, {
      subject: subjectName(strategy, use.topic, json),
      folder: use.subject,
    });
  }
  const subjects = new Map([...registrySubjects.values()].map(({ subject, folder }) => [subject, folder]));
  const resolved = await Promise.all(
    [...subjects].map(async ([subject, folder]): Promise<[string, number]> => {
      const schema = schemaText(getSubject(schemas, folder).latest.json);
      const autoRegister = settings.BRIDGE_SCHEMA_REGISTRY_AUTO_REGISTER;
      return [subject, await resolveSchemaId({ client, subject, schema, autoRegister })];
    }),
  );
  const ids = new Map(resolved);
  const encoders = new Map<string, EventEncoder>();
  for (const [use, { subject, folder }] of registrySubjects) {
    encoders.set(use, confluentEncoder(codecOf(folder), ids.get(subject) as number));
  }
  logger.info({ subjects: [...ids.keys()], strategy }, 'schema registry: writing with Confluent framing');
  return {
    encoderFor(subject, topic) {
      const encoder = encoders.get(`${subject}\u0000${topic}`);
      if (encoder === undefined)
        throw new Error(`no encoder was resolved at start for ${subject} on ${topic}`);
      return encoder;
    },
  };
}

/** Single-object encoders: each subject's codec, built on first use and shared by every topic. */
export function singleObjectEncoders(schemas: SchemaSet): EventEncoders & {
  encoderFor(subject: string, topic: string): EventCodec<EventBase>;
} {
  const codecs = new Map<string, EventCodec<EventBase>>();
  return {
    encoderFor(subject) {
      let codec = codecs.get(subject);
      if (codec === undefined) {
        codec = createEventCodec<EventBase>(schemas, subject);
        codecs.set(subject, codec);
      }
      return codec;
    },
  };
}

/** With one registry subject per topic, a topic can carry one record type only. */
function refuseSharedTopics(uses: readonly SubjectUse[]): void {
  const byTopic = new Map<string, Set<string>>();
  for (const { subject, topic } of uses) byTopic.set(topic, (byTopic.get(topic) ?? new Set()).add(subject));
  for (const [topic, subjects] of byTopic) {
    if (subjects.size > 1) {
      throw new Error(
        `BRIDGE_SCHEMA_REGISTRY_SUBJECT_STRATEGY=topic gives topic ${topic} one subject, but it would carry ${subjects.size} record types (${[...subjects].join(', ')}); use the record strategy, or route them to topics of their own (BRIDGE_KAFKA_ROUTES)`,
      );
    }
  }
}

export type RegistrySettings = Pick<
  Settings,
  | 'BRIDGE_SCHEMA_REGISTRY_URL'
  | 'BRIDGE_SCHEMA_REGISTRY_USERNAME'
  | 'BRIDGE_SCHEMA_REGISTRY_PASSWORD'
  | 'BRIDGE_SCHEMA_REGISTRY_CA_FILE'
>;

/** A registry client from the registry settings: basic auth when a user is set, a private CA when named. */
export function createRegistryClientFor(settings: RegistrySettings): RegistryClient {
  const ca = settings.BRIDGE_SCHEMA_REGISTRY_CA_FILE;
  const username = settings.BRIDGE_SCHEMA_REGISTRY_USERNAME;
  return createRegistryClient({
    url: settings.BRIDGE_SCHEMA_REGISTRY_URL,
    timeoutMs: REGISTRY_TIMEOUT_MS,
    ...(username === '' ? {} : { username, password: settings.BRIDGE_SCHEMA_REGISTRY_PASSWORD }),
    ...(ca === '' ? {} : { tls: { ca: readFileSync(ca) } }),
  });
}
