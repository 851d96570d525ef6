import { afterEach, describe, expect, it } from 'vitest';
import {
  createRegistryClient,
  RegistryError,
  type RegistryClient,
} from '../../../src/registry/registry-client.js';
import { startFakeRegistry, type Reply, type SeenRequest } from './fake-registry-server.js';

const SCHEMA = '{"type":"record","name":"A","fields":[]}';
let server: Awaited<ReturnType<typeof startFakeRegistry>> | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(
  reply: (request: SeenRequest) => Reply,
  options: { username?: string; password?: string; timeoutMs?: number; path?: string } = {},
): Promise<{ client: RegistryClient; requests: SeenRequest[] }> {
  server = await startFakeRegistry(reply);
  const { path = '', timeoutMs = 5_000, ...auth } = options;
  return {
    client: createRegistryClient({ url: `${server.url}${path}/`, timeoutMs, ...auth }),
    requests: server.requests,
  };
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RegistryError)) throw new Error(`expected a RegistryError, got ${String(error)}`);
  return error;
}

describe('registry/registry-client', () => {
  it('registers with POST /subjects/{subject}/versions and the Confluent content type', async () => {
    const { client, requests } = await clientFor(() => ({ status: 200, body: { id: 7 } }), {
      path: '/apis/ccompat/v7',
    });
    await expect(client.register('topic.v1-value', SCHEMA)).resolves.toBe(7);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/apis/ccompat/v7/subjects/topic.v1-value/versions',
      body: { schema: SCHEMA },
    });
    expect(requests[0]?.headers['content-type']).toBe('application/vnd.schemaregistry.v1+json');
    expect(requests[0]?.headers.authorization).toBeUndefined();
  });

  it('looks a schema up with POST /subjects/{subject} and returns undefined when it is not registered', async () => {
    const answers: Reply[] = [
      { status: 200, body: { subject: 's', version: 1, id: 3, schema: SCHEMA } },
      { status: 404, body: { error_code: 40403, message: 'Schema not found' } },
      { status: 404, body: { error_code: 40401, message: "Subject 's' not found." } },
    ];
    const { client, requests } = await clientFor(() => answers.shift() ?? { status: 500 });
    expect(await client.lookupSchemaId('a/b', SCHEMA)).toBe(3);
    expect(await client.lookupSchemaId('s', SCHEMA)).toBeUndefined();
    expect(await client.lookupSchemaId('s', SCHEMA)).toBeUndefined();
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /subjects/a%2Fb',
      'POST /subjects/s',
      'POST /subjects/s',
    ]);
  });

  it('fetches a schema by id once and serves it from the cache afterwards', async () => {
    const { client, requests } = await clientFor(() => ({ status: 200, body: { schema: SCHEMA } }));
    const [a, b] = await Promise.all([client.getSchemaById(5), client.getSchemaById(5)]);
    expect(await client.getSchemaById(5)).toBe(SCHEMA);
    expect([a, b]).toEqual([SCHEMA, SCHEMA]);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /schemas/ids/5']);
  });

  it('does not cache a failed lookup by id', async () => {
    const answers: Reply[] = [{ status: 503 }, { status: 200, body: { schema: SCHEMA } }];
    const { client, requests } = await clientFor(() => answers.shift() ?? { status: 500 });
    await expect(client.getSchemaById(9)).rejects.toThrow('GET /schemas/ids/9 answered HTTP 503');
    await expect(client.getSchemaById(9)).resolves.toBe(SCHEMA);
    expect(requests).toHaveLength(2);
  });

  it('sets compatibility with PUT /config/{subject}', async () => {
    const { client, requests } = await clientFor(() => ({
      status: 200,
      body: { compatibility: 'FULL_TRANSITIVE' },
    }));
    await client.setCompatibility('s-value', 'FULL_TRANSITIVE');
    expect(requests[0]).toMatchObject({
      method: 'PUT',
      url: '/config/s-value',
      body: { compatibility: 'FULL_TRANSITIVE' },
    });
  });

  it('tests compatibility against the latest version and passes the registry’s reasons on', async () => {
    const answers: Reply[] = [
      { status: 200, body: { is_compatible: true } },
      {
        status: 200,
        body: { is_compatible: false, messages: ['READER_FIELD_MISSING_DEFAULT_VALUE eventKind'] },
      },
      { status: 404, body: { error_code: 40401, message: 'Subject not found' } },
      { status: 404, body: { error_code: 40402, message: "No version 'latest' found" } },
      { status: 404, body: { error_code: 40403, message: 'Schema not found' } },
    ];
    const { client, requests } = await clientFor(() => answers.shift() ?? { status: 500 });
    expect(await client.testCompatibility('s', SCHEMA)).toEqual({ compatible: true, messages: [] });
    expect(await client.testCompatibility('s', SCHEMA)).toEqual({
      compatible: false,
      messages: ['READER_FIELD_MISSING_DEFAULT_VALUE eventKind'],
    });
    expect(await client.testCompatibility('new', SCHEMA)).toEqual({ compatible: true, messages: [] });
    expect(await client.testCompatibility('configured', SCHEMA)).toEqual({ compatible: true, messages: [] });
    await expect(client.testCompatibility('s', SCHEMA)).rejects.toThrow(
      'answered HTTP 404: Schema not found',
    );
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/compatibility/subjects/s/versions/latest?verbose=true',
      body: { schema: SCHEMA },
    });
  });

  it('sends a Basic authorization header when a username and password are configured', async () => {
    const { client, requests } = await clientFor(() => ({ status: 200, body: { id: 1 } }), {
      username: 'bridge',
      password: 's3cret:pw',
    });
    await client.register('s', SCHEMA);
    expect(requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('bridge:s3cret:pw').toString('base64')}`,
    );
  });

  it('names the path, status and registry message in errors, never the credentials', async () => {
    const { client } = await clientFor(
      () => ({
        status: 409,
        body: { error_code: 409, message: 'Incompatible artifact: eventKind at /fields/1' },
      }),
      { username: 'bridge', password: 's3cret' },
    );
    const error = await failure(client.register('t-value', SCHEMA));
    expect(error.message).toBe(
      'schema registry POST /subjects/t-value/versions answered HTTP 409: Incompatible artifact: eventKind at /fields/1',
    );
    expect(error).toMatchObject({ status: 409, errorCode: 409 });
    expect(
      JSON.stringify({
        message: error.message,
        stack: error.stack,
        status: error.status,
        cause: String(error.cause),
      }),
    ).not.toMatch(/s3cret|YnJpZGdl/);
  });

  it('reports an unauthorised answer with its status', async () => {
    const { client } = await clientFor(() => ({
      status: 401,
      body: { error_code: 401, message: 'Unauthorized' },
    }));
    const error = await failure(client.lookupSchemaId('s', SCHEMA));
    expect(error.message).toBe('schema registry POST /subjects/s answered HTTP 401: Unauthorized');
    expect(error.status).toBe(401);
  });

  it('turns a registry that does not answer in time into an error naming the budget', async () => {
    const { client } = await clientFor(() => ({ status: 200, body: { id: 1 }, delayMs: 2_000 }), {
      timeoutMs: 100,
    });
    const error = await failure(client.register('s', SCHEMA));
    expect(error.message).toBe('schema registry POST /subjects/s/versions failed: no answer within 100 ms');
    expect(error.status).toBeUndefined();
  });

  it('turns an unreachable registry into an error naming the path', async () => {
    server = await startFakeRegistry(() => ({ status: 200 }));
    const url = server.url;
    await server.close();
    server = undefined;
    const client = createRegistryClient({ url, timeoutMs: 2_000 });
    const error = await failure(client.getSchemaById(1));
    expect(error.message).toMatch(
      /^schema registry GET \/schemas\/ids\/1 failed: fetch failed: .*ECONNREFUSED/,
    );
  });

  it('rejects an answer without an id', async () => {
    const { client } = await clientFor(() => ({ status: 200, body: { nope: true } }));
    await expect(client.register('s', SCHEMA)).rejects.toThrow(
      'schema registry register: unexpected answer {"nope":true}',
    );
  });
});
