import type { EventCodec } from '../event/codec.js';
import { frameConfluent } from '../event/framing.js';
import type { EventEncoder } from '../records.js';
import type { EventBase } from '../event/event.js';
import { RegistryError, type RegistryClient } from './registry-client.js';

export interface ResolveSchemaIdOptions {
  readonly client: RegistryClient;
  /** e.g. `subjectName('topic', topic, schema)`. */
  readonly subject: string;
  /** The schema text the bridge writes with (`schemaText(latest.json)`), exactly as the pipeline registers it. */
  readonly schema: string;
  /**
   * Register the schema when the subject lacks it. Off in production: schemas are registered by the deploy
   * pipeline (`npm run schemas:register`), and a bridge whose schema is not registered must not start.
   */
  readonly autoRegister: boolean;
}

/**
 * The registry id of the schema the bridge writes with, resolved once at start. Throws RegistryError when
 * the registry cannot be reached or answers an error (fix it before taking traffic), or when the schema is
 * not registered and `autoRegister` is off. The id is then fixed for the life of the process: the registry
 * is never on the callback path, so a registry outage later cannot stop publishing.
 */
export async function resolveSchemaId(options: ResolveSchemaIdOptions): Promise<number> {
  const { client, subject, schema, autoRegister } = options;
  try {
    const id = await client.lookupSchemaId(subject, schema);
    if (id !== undefined) return id;
    if (autoRegister) return await client.register(subject, schema);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new RegistryError(
      `cannot resolve the schema id of subject ${subject} at start: ${why}`,
      undefined,
      undefined,
      {
        cause: error,
      },
    );
  }
  throw new RegistryError(
    `the bridge's schema is not registered under subject ${subject}; run \`npm run schemas:register\` in the deploy pipeline (or enable auto-registration for development)`,
  );
}

/**
 * The pipeline's encoder for Confluent framing: magic byte 0, the registry id (big-endian), the Avro body.
 * `schemaId` in record headers is the registry id as a decimal string.
 */
export function confluentEncoder(codec: EventCodec<EventBase>, schemaId: number): EventEncoder {
  frameConfluent(schemaId, Buffer.alloc(0)); // a bad id fails here, at start, not on the first event
  return {
    encode: (event) => frameConfluent(schemaId, codec.encodeBody(event)),
    schemaVersion: codec.schemaVersion,
    schemaId: String(schemaId),
  };
}
