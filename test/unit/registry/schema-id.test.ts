import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEventCodec } from '../../../src/event/codec.js';
import { createEventDecoder } from '../../../src/event/decode.js';
import { unframeConfluent } from '../../../src/event/framing.js';
import type { GroupMessageSentV1 } from '../../../src/event/group-message.v1.js';
import { loadSchemas } from '../../../src/event/schemas.js';
import {
  createRegistryClient,
  RegistryError,
  schemaText,
  type RegistryClient,
} from '../../../src/registry/registry-client.js';
import { confluentEncoder, resolveSchemaId } from '../../../src/registry/schema-id.js';
import { subjectName } from '../../../src/registry/subject-name.js';
import { startFakeRegistry } from './fake-registry-server.js';

const schemas = loadSchemas('schemas');
const event = JSON.parse(
  readFileSync('test/golden/group-message/v1/text.json', 'utf8'),
) as GroupMessageSentV1;

/** A client whose every method is scripted; unscripted calls fail the test. */
function fakeClient(overrides: Partial<RegistryClient>): RegistryClient & { calls: string[] } {
  const calls: string[] = [];
  const wrap =
    <A extends unknown[], R>(name: string, fn: ((...args: A) => Promise<R>) | undefined) =>
    (...args: A): Promise<R> => {
      calls.push(name);
      return fn === undefined ? Promise.reject(new Error(`unexpected ${name}`)) : fn(...args);
    };
  return {
    calls,
    register: wrap('register', overrides.register),
    lookupSchemaId: wrap('lookupSchemaId', overrides.lookupSchemaId),
    getSchemaById: wrap('getSchemaById', overrides.getSchemaById),
    setCompatibility: wrap('setCompatibility', overrides.setCompatibility),
    testCompatibility: wrap('testCompatibility', overrides.testCompatibility),
  };
}

describe('registry/schema-id resolveSchemaId', () => {
  const base = { subject: 't-value', schema: '{}' };

  it('returns the id of a registered schema without registering', async () => {
    const client = fakeClient({ lookupSchemaId: () => Promise.resolve(12) });
    await expect(resolveSchemaId({ ...base, client, autoRegister: true })).resolves.toBe(12);
    expect(client.calls).toEqual(['lookupSchemaId']);
  });

  it('registers a missing schema only when auto-registration is on', async () => {
    const client = fakeClient({
      lookupSchemaId: () => Promise.resolve(undefined),
      register: () => Promise.resolve(4),
    });
    await expect(resolveSchemaId({ ...base, client, autoRegister: true })).resolves.toBe(4);
    expect(client.calls).toEqual(['lookupSchemaId', 'register']);
  });

  it('refuses to start when the schema is not registered and auto-registration is off', async () => {
    const client = fakeClient({ lookupSchemaId: () => Promise.resolve(undefined) });
    await expect(resolveSchemaId({ ...base, client, autoRegister: false })).rejects.toThrow(
      /not registered under subject t-value; run `npm run schemas:register`/,
    );
    expect(client.calls).toEqual(['lookupSchemaId']);
  });

  it('refuses to start when the registry is down, saying so', async () => {
    const down = await startFakeRegistry(() => ({ status: 200 }));
    await down.close(); // nothing listens on its port any more
    const client = createRegistryClient({ url: down.url, timeoutMs: 2_000 });
    const error = await resolveSchemaId({ ...base, client, autoRegister: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toMatch(
      /^cannot resolve the schema id of subject t-value at start: schema registry POST \/subjects\/t-value failed/,
    );
  });
});

describe('registry/schema-id confluentEncoder', () => {
  const codec = createEventCodec(schemas);

  it('frames the bare Avro body with magic byte 0 and the registry id', () => {
    const encoder = confluentEncoder(codec, 258);
    const value = encoder.encode(event);
    expect(value.subarray(0, 5)).toEqual(Buffer.from([0, 0, 0, 1, 2]));
    expect(unframeConfluent(value).body).toEqual(codec.encodeBody(event));
    expect({ schemaId: encoder.schemaId, schemaVersion: encoder.schemaVersion }).toEqual({
      schemaId: '258',
      schemaVersion: 1,
    });
  });

  it('rejects an id that does not fit the wire format at construction', () => {
    expect(() => confluentEncoder(codec, -1)).toThrow(RangeError);
  });

  it('writes values the Confluent decode path reads back through a registry lookup', async () => {
    const text = schemaText(schemas.get('group-message')?.latest.json);
    const server = await startFakeRegistry(() => ({ status: 200, body: { schema: text } }));
    try {
      const client = createRegistryClient({ url: server.url, timeoutMs: 5_000 });
      const decoder = createEventDecoder({ schemas, lookupSchema: (id) => client.getSchemaById(id) });
      const decoded = await decoder.decodeAsync(confluentEncoder(codec, 31).encode(event));
      expect(JSON.parse(JSON.stringify(decoded))).toEqual(event);
      expect(server.requests.map((r) => r.url)).toEqual(['/schemas/ids/31']);
    } finally {
      await server.close();
    }
  });
});

describe('registry/subject-name', () => {
  const schema = { type: 'record', name: 'GroupMessageSent', namespace: 'tencentim.kafkabridge.event' };

  it('names the subject <topic>-value under the topic strategy', () => {
    expect(subjectName('topic', 'tencent-im.group-messages.v1', schema)).toBe(
      'tencent-im.group-messages.v1-value',
    );
  });

  it('names the subject <namespace>.<name> under the record strategy', () => {
    expect(subjectName('record', 'ignored', schema)).toBe('tencentim.kafkabridge.event.GroupMessageSent');
    expect(subjectName('record', 'ignored', { name: 'a.b.C', namespace: 'x' })).toBe('a.b.C');
  });
});

describe('registry/tls-fetch', () => {
  it('carries method, headers and body when TLS options route requests through node:https/http', async () => {
    const server = await startFakeRegistry(() => ({ status: 200, body: { id: 2 } }));
    try {
      const client = createRegistryClient({
        url: server.url,
        timeoutMs: 5_000,
        tls: { rejectUnauthorized: true },
        username: 'u',
        password: 'p',
      });
      await expect(client.register('s', '{"type":"string"}')).resolves.toBe(2);
      expect(server.requests[0]).toMatchObject({
        method: 'POST',
        url: '/subjects/s/versions',
        body: { schema: '{"type":"string"}' },
      });
      expect(server.requests[0]?.headers.authorization).toBe('Basic dTpw');
    } finally {
      await server.close();
    }
  });
});
