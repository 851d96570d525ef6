// Against a real schema registry: Apicurio Registry (Confluent-compatible API), started here by
// scripts/registry-local.sh on a port of its own and stopped at the end. A registry that cannot start fails
// the file; it is never skipped.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSchemas, parseTopics } from '../../scripts/schemas-register.js';
import { createEventCodec } from '../../src/event/codec.js';
import { createEventDecoder } from '../../src/event/decode.js';
import { frameConfluent, unframeConfluent } from '../../src/event/framing.js';
import type { GroupMessageSentV1 } from '../../src/event/group-message.v1.js';
import { decodeBody, describeSchema, getSubject, loadSchemas } from '../../src/event/schemas.js';
import { createKafkaPublisher } from '../../src/kafka/kafka-publisher.js';
import { silentLogger } from '../../src/logger.js';
import { toEventRecord, type EventEncoder } from '../../src/records.js';
import {
  createRegistryClient,
  RegistryError,
  schemaText,
  type RegistryClient,
} from '../../src/registry/registry-client.js';
import { confluentEncoder, resolveSchemaId } from '../../src/registry/schema-id.js';
import { subjectName } from '../../src/registry/subject-name.js';
import { asJson, prepareReaders, runJava } from '../cross-language/readers.js';
import { consumeAll, createTestTopic, kafkaBrokers } from './kafka-harness.js';
import { postCallback, startTestBridge } from './support/bridge-harness.js';

const root = resolve(import.meta.dirname, '../..');
const port = 18181;
const topic = 'tencent-im.group-messages.v1';
const subject = `${topic}-value`;
const schemas = loadSchemas('schemas');
const v1Json = schemas.get('group-message')?.latest.json as { fields: unknown[] };
const v1 = schemaText(v1Json);
const codec = createEventCodec(schemas);
const event = JSON.parse(
  readFileSync('test/golden/group-message/v1/chinese-emoji.json', 'utf8'),
) as GroupMessageSentV1;

/** Scratch v2s: one FULL-compatible (a field with a default), one not (a field renamed). */
const v2AddedJson = {
  ...v1Json,
  fields: [...v1Json.fields, { name: 'priority', type: 'string', default: 'normal', doc: 'Scratch.' }],
};
const v2Added = schemaText(v2AddedJson);
const v2Renamed = schemaText({
  ...v1Json,
  fields: v1Json.fields.map((f) =>
    (f as { name: string }).name === 'eventType' ? { ...(f as object), name: 'eventKind' } : f,
  ),
});

async function registryLocal(command: 'start' | 'stop'): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('bash', [`${root}/scripts/registry-local.sh`, command], {
      env: { ...process.env, REGISTRY_LOCAL_PORT: String(port) },
      timeout: 600_000,
    });
    return stdout.trim().split('\n').at(-1) ?? '';
  } catch (err) {
    const { stderr, message } = err as { stderr?: string; message: string };
    throw new Error(`scripts/registry-local.sh ${command} failed: ${message}\n${stderr ?? ''}`);
  }
}

let url: string;
let client: RegistryClient;

/** The Java consumer (kafka-clients + Apache Avro, schemas fetched from the registry by id), as JSON lines. */
/** Java's registry consumer, with the latest reader schema of every subject (a topic carries several). */
function readWithJava(kafkaTopic: string, count: number): Promise<string[]> {
  const readers = [...schemas.values()].flatMap((s) => [
    '--reader',
    `schemas/${s.name}/v${s.latest.version}.avsc`,
  ]);
  return runJava([
    'kafka',
    '--brokers',
    kafkaBrokers().join(','),
    '--topic',
    kafkaTopic,
    '--registry',
    url,
    ...readers,
    '--count',
    String(count),
    '--timeout-ms',
    '60000',
  ]);
}

beforeAll(async () => {
  await registryLocal('stop'); // a registry left by a killed run would carry its old subjects
  url = await registryLocal('start');
  client = createRegistryClient({ url, timeoutMs: 10_000 });
  await prepareReaders();
});

afterAll(async () => {
  await registryLocal('stop');
});

async function compatibilityOf(name: string): Promise<unknown> {
  const response = await fetch(`${url}/config/${encodeURIComponent(name)}`);
  return ((await response.json()) as { compatibilityLevel?: unknown }).compatibilityLevel;
}

/** A fresh subject holding v1 under FULL_TRANSITIVE. */
async function scratchSubject(): Promise<string> {
  const name = `scratch-${randomUUID().slice(0, 8)}-value`;
  await client.setCompatibility(name, 'FULL_TRANSITIVE');
  await client.register(name, v1);
  return name;
}

describe('schema registry (Apicurio, Confluent-compatible API)', () => {
  it('schemas:register puts v1 under <topic>-value with FULL_TRANSITIVE, and a re-run registers nothing', async () => {
    const messagesOnly = new Map([['group-message', getSubject(schemas, 'group-message')]]);
    const run = () =>
      registerSchemas({
        client,
        schemas: messagesOnly,
        strategy: 'topic',
        topics: parseTopics([topic]),
        dryRun: false,
        log: () => undefined,
      });
    const first = await run();
    expect(first).toEqual([{ subject, version: 1, outcome: 'registered', id: expect.any(Number) as number }]);
    expect(await compatibilityOf(subject)).toBe('FULL_TRANSITIVE');

    const second = await run();
    expect(second).toEqual([{ subject, version: 1, outcome: 'already registered', id: first[0]?.id }]);
    expect(await client.register(subject, v1)).toBe(first[0]?.id); // registering the same text again: same id
  });

  it('accepts a v2 that adds a field with a default', async () => {
    const name = await scratchSubject();
    expect(await client.testCompatibility(name, v2Added)).toMatchObject({ compatible: true });
    const id = await client.register(name, v2Added);
    expect(await client.lookupSchemaId(name, v2Added)).toBe(id);
  });

  it('refuses a v2 that renames a field', async () => {
    const name = await scratchSubject();
    expect(await client.testCompatibility(name, v2Renamed)).toMatchObject({ compatible: false });
    const error = await client.register(name, v2Renamed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ status: 409 });
    expect((error as Error).message).toMatch(
      new RegExp(`^schema registry POST /subjects/${name}/versions answered HTTP 409`),
    );
    expect(await client.lookupSchemaId(name, v2Renamed)).toBeUndefined();
  });

  it('resolves the id at start by lookup, and registers only when allowed', async () => {
    const id = await client.lookupSchemaId(subject, v1);
    await expect(resolveSchemaId({ client, subject, schema: v1, autoRegister: false })).resolves.toBe(id);
    const fresh = `fresh-${randomUUID().slice(0, 8)}-value`;
    await expect(
      resolveSchemaId({ client, subject: fresh, schema: v1, autoRegister: false }),
    ).rejects.toThrow(/not registered/);
    const registered = await resolveSchemaId({ client, subject: fresh, schema: v1, autoRegister: true });
    expect(await client.lookupSchemaId(fresh, v1)).toBe(registered);
  });

  it('a Confluent-framed value decodes with the schema fetched by its id', async () => {
    const id = await resolveSchemaId({ client, subject, schema: v1, autoRegister: false });
    const value = confluentEncoder(codec, id).encode(event);
    const { schemaId, body } = unframeConfluent(value);
    expect(schemaId).toBe(id);
    const writer = describeSchema(JSON.parse(await client.getSchemaById(schemaId)));
    expect(asJson(writer.type.fromBuffer(body))).toEqual(asJson(event));

    const decoder = createEventDecoder({
      schemas,
      lookupSchema: (schemaId) => client.getSchemaById(schemaId),
    });
    expect(asJson(await decoder.decodeAsync(value))).toEqual(asJson(event));
  });

  it('a Java consumer (kafka-clients + Apache Avro + GET /schemas/ids/{id}) reads v1 and v2 records from Kafka', async () => {
    const kafkaTopic = await createTestTopic('registry-java', 3);
    const name = `${kafkaTopic}-value`;
    await client.setCompatibility(name, 'FULL_TRANSITIVE');
    const v1Id = await client.register(name, v1);
    const v2Id = await client.register(name, v2Added);
    const v2Type = describeSchema(v2AddedJson).type;
    const v2Encoder = {
      encode: (e: object) => frameConfluent(v2Id, v2Type.toBuffer({ ...e, priority: 'high' })),
      schemaVersion: 2,
      schemaId: String(v2Id),
    };
    const place = (key: string, encoder: EventEncoder) => ({
      topic: kafkaTopic,
      key,
      occurredAt: null,
      encoder,
    });
    const sent = [
      toEventRecord(event, place(event.message.groupId, confluentEncoder(codec, v1Id))),
      toEventRecord(
        { ...event, message: { ...event.message, groupId: '@TGS#_@TGS#cQVLVHIM62CJ' } } as GroupMessageSentV1,
        place('@TGS#_@TGS#cQVLVHIM62CJ', v2Encoder),
      ),
    ];
    const publisher = createKafkaPublisher({
      brokers: kafkaBrokers(),
      clientId: 'registry-java',
      logger: silentLogger,
    });
    await publisher.connect();
    try {
      for (const record of sent) await publisher.publish(record);
    } finally {
      await publisher.close();
    }

    const lines = await readWithJava(kafkaTopic, 2);
    const read = lines.map((line) => JSON.parse(line) as { key: string; schemaId: number; value: unknown });
    const byKey = new Map(read.map((r) => [r.key, r]));
    // What our own decoder reads with the v1 reader; the v2 record's extra field is dropped.
    const v1Type = describeSchema(v1Json).type;
    const expected = [
      decodeBody(v1Type, v1Type, unframeConfluent(sent[0]?.value ?? Buffer.alloc(0)).body),
      decodeBody(v1Type, v2Type, unframeConfluent(sent[1]?.value ?? Buffer.alloc(0)).body),
    ];
    expect(asJson(expected[1])).toEqual(
      asJson(
        sent[1] === undefined ? null : { ...event, message: { ...event.message, groupId: sent[1].key } },
      ),
    );
    expect(read.map((r) => r.schemaId).sort()).toEqual([v1Id, v2Id].sort());
    for (const [i, record] of sent.entries()) {
      const got = byKey.get(record.key);
      expect(got?.schemaId).toBe(i === 0 ? v1Id : v2Id);
      expect(asJson(got?.value)).toEqual(asJson(expected[i]));
    }
  });
});

describe('the bridge in Confluent framing mode', () => {
  it('refuses the topic strategy for the per-group topic, which carries many record types', async () => {
    const env = {
      BRIDGE_EVENT_FRAMING: 'confluent',
      BRIDGE_SCHEMA_REGISTRY_URL: url,
      BRIDGE_SCHEMA_REGISTRY_SUBJECT_STRATEGY: 'topic',
    };
    await expect(startTestBridge(env)).rejects.toThrow(/would carry \d+ record types/);
  });

  it('refuses to start while its schemas are not registered, then publishes several record types to one topic under record-name subjects, which TypeScript and Java consumers decode with the registry', async () => {
    const kafkaTopic = await createTestTopic('registry-bridge', 3);
    const env = {
      BRIDGE_KAFKA_TOPIC: kafkaTopic,
      BRIDGE_KAFKA_APP_TOPIC: `${kafkaTopic}.app`,
      BRIDGE_DLQ_TOPIC: `${kafkaTopic}.dlq`,
      BRIDGE_EVENT_FRAMING: 'confluent',
      BRIDGE_SCHEMA_REGISTRY_URL: url,
    };
    await expect(startTestBridge(env)).rejects.toThrow(
      /not registered under subject tencentim\.kafkabridge\.event\./,
    );

    const registered = await registerSchemas({
      client,
      schemas,
      strategy: 'record',
      topics: new Map(),
      dryRun: false,
      log: () => undefined,
    });
    expect(new Set(registered.map((r) => r.subject))).toEqual(
      new Set([...schemas.values()].map((s) => subjectName('record', '', s.latest.json))),
    );
    const bridge = await startTestBridge(env);
    const fixture = (command: string, name: string) =>
      (
        JSON.parse(readFileSync(`test/fixtures/callbacks/${command}/${name}.json`, 'utf8')) as {
          body: Record<string, unknown>;
        }
      ).body;
    const sent = fixture('Group.CallbackAfterSendMsg', 'text-chinese-emoji');
    const recall = {
      ...fixture('Group.CallbackAfterRecallMsg', 'rest-several-seqs'),
      GroupId: sent['GroupId'],
    };
    try {
      expect((await postCallback(bridge, sent)).status).toBe(200);
      expect(
        (await postCallback(bridge, recall, { CallbackCommand: 'Group.CallbackAfterRecallMsg' })).status,
      ).toBe(200);
    } finally {
      await bridge.stop();
    }

    const records = await consumeAll(kafkaTopic, { expected: 2, distinct: true });
    expect(new Set(records.map((r) => r.partition)).size).toBe(1); // one group, one partition, both types
    const decoder = createEventDecoder({ schemas, lookupSchema: (id) => client.getSchemaById(id) });
    const decoded = [];
    for (const record of records) {
      const framed = unframeConfluent(record.value ?? Buffer.alloc(0));
      expect(record.headers['schema-id']?.toString()).toBe(String(framed.schemaId));
      decoded.push(await decoder.decodeAsync(record.value ?? Buffer.alloc(0)));
    }
    expect(decoded.map((e) => e.eventType)).toEqual([
      'tencent.im.group.message.sent',
      'tencent.im.group.message.recalled',
    ]);
    const ids = records.map((r) => unframeConfluent(r.value ?? Buffer.alloc(0)).schemaId);
    const subjectOf = (folder: string) => subjectName('record', '', schemas.get(folder)?.latest.json);
    const textOf = (folder: string) => schemaText(schemas.get(folder)?.latest.json);
    expect(ids).toEqual([
      await client.lookupSchemaId(subjectOf('group-message'), textOf('group-message')),
      await client.lookupSchemaId(subjectOf('group-message-recalled'), textOf('group-message-recalled')),
    ]);

    const lines = await readWithJava(kafkaTopic, 2);
    const read = lines.map((line) => JSON.parse(line) as { key: string; schemaId: number; value: unknown });
    expect(read.map((r) => r.schemaId).sort()).toEqual([...ids].sort());
    for (const event of decoded) {
      expect(read.map((r) => r.value)).toContainEqual(asJson(event));
    }
  });
});
