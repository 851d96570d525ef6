import { readFileSync } from 'node:fs';
import type { Settings } from './config/settings.js';
import type { EventCodec } from './event/codec.js';
import type { GroupMessageSentV1 } from './event/group-message.v1.js';
import type { Logger } from './logger.js';
import type { EventEncoder } from './records.js';
import { createRegistryClient, schemaText, type RegistryClient } from './registry/registry-client.js';
import { confluentEncoder, resolveSchemaId } from './registry/schema-id.js';
import { subjectName } from './registry/subject-name.js';

/** How long one registry request may take at start before the bridge gives up starting. */
const REGISTRY_TIMEOUT_MS = 10_000;

/**
 * The pipeline's encoder for the configured framing. Single-object needs nothing outside. Confluent resolves
 * the registry id of the schema once, here, at start; a registry that cannot answer stops the start. The
 * registry is never consulted again, so an outage later does not stop publishing.
 */
export async function createEncoder(
  settings: Settings,
  codec: EventCodec<GroupMessageSentV1>,
  schemaJson: unknown,
  logger: Logger,
): Promise<EventEncoder> {
  if (settings.BRIDGE_EVENT_FRAMING === 'single-object') return codec;
  const client = createRegistryClientFor(settings);
  const subject = subjectName(
    settings.BRIDGE_SCHEMA_REGISTRY_SUBJECT_STRATEGY,
    settings.BRIDGE_KAFKA_TOPIC,
    schemaJson,
  );
  const schemaId = await resolveSchemaId({
    client,
    subject,
    schema: schemaText(schemaJson),
    autoRegister: settings.BRIDGE_SCHEMA_REGISTRY_AUTO_REGISTER,
  });
  logger.info({ subject, schemaId }, 'schema registry: writing with Confluent framing');
  return confluentEncoder(codec, schemaId);
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
