import type { SchemaLookup } from '../event/decode.js';

/** Fetches writer schemas by id from a Confluent-compatible registry (`GET /schemas/ids/{id}`). */
export function createRegistryLookup(baseUrl: string): SchemaLookup {
  const root = baseUrl.replace(/\/+$/, '');
  return async (id) => {
    const response = await fetch(`${root}/schemas/ids/${id}`);
    if (!response.ok) throw new Error(`schema registry: GET /schemas/ids/${id} answered ${response.status}`);
    const { schema } = (await response.json()) as { schema: string };
    return schema;
  };
}
