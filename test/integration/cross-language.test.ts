// The event contract read from Java (Apache Avro, kafka-clients) and Python (`avro`): both must read our
// single-object values exactly as our TypeScript decoder does, Java's default partitioner must place each
// GroupId where the bridge's producer did, and schema evolution must work both ways in both languages.
import { readdirSync, readFileSync } from 'node:fs';
import { Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventCodec } from '../../src/event/codec.js';
import { createEventDecoder } from '../../src/event/decode.js';
import { frameSingleObject } from '../../src/event/framing.js';
import type { GroupMessageSentV1 } from '../../src/event/group-message.v1.js';
import { decodeBody, describeSchema, loadSchemas } from '../../src/event/schemas.js';
import { createKafkaPublisher } from '../../src/kafka/kafka-publisher.js';
import { silentLogger } from '../../src/logger.js';
import { toEventRecord } from '../../src/records.js';
import {
  asJson,
  hexLines,
  prepareReaders,
  runJava,
  runPython,
  scratchDir,
} from '../cross-language/readers.js';
import { consumeAll, createTestTopic, kafkaBrokers } from './kafka-harness.js';

const goldenDir = 'test/golden/group-message/v1';
const v1File = 'schemas/group-message/v1.avsc';
const schemas = loadSchemas('schemas');
const codec = createEventCodec(schemas);
const decoder = createEventDecoder({ schemas });
const golden = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`${goldenDir}/${f}`, 'utf8')) as GroupMessageSentV1);

/** GroupIds as Tencent sends them: plain, Chinese, emoji, communities (@TGS#_) and their topics. */
const groupIds = [
  '@TGS#2J4SZEAEL',
  '@TGS#1NVTZEAE4',
  '@TGS#3FRH2KPFK',
  '@TGS#_@TGS#cQVLVHIM62CJ',
  '@TGS#_@TGS#cIBCURIM6OJO',
  '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_@TOPIC#cUXRHGRUK5RC',
  '技术交流群',
  '产品-讨论组-2024',
  '家人们🎉',
  'group_001',
  'group_002',
  'AVChatRoom-live-8848',
  'a',
  'ünïcødé',
  'x'.repeat(200),
];

let files: ReturnType<typeof scratchDir>;

/** Golden JSON holds bytes as JSON.stringify writes a Buffer. */
function reviveBytes(_key: string, value: unknown): unknown {
  const bytes = value as { type?: unknown; data?: unknown } | null;
  return bytes?.type === 'Buffer' && Array.isArray(bytes.data) ? Buffer.from(bytes.data as number[]) : value;
}

beforeAll(async () => {
  files = scratchDir();
  await prepareReaders();
});

afterAll(() => {
  files.dispose();
});

describe('cross-language readers of single-object values', () => {
  it('Java and Python print every golden event exactly as our TypeScript decoder reads it', async () => {
    const values = golden.map((event) => codec.encode(event));
    const expected = values.map((value) => asJson(decoder.decode(value)));
    expect(expected).toEqual(golden.map(asJson)); // and that is the golden JSON itself
    const input = files.write('golden.hex', hexLines(values));

    const java = await runJava(['soe', '--reader', v1File, input]);
    const python = await runPython(['--reader', v1File, input]);
    expect(java.map((line) => asJson(JSON.parse(line)))).toEqual(expected);
    expect(python.map((line) => asJson(JSON.parse(line)))).toEqual(expected);
  });
});

describe('cross-language readers of every event type', () => {
  /** Each subject's golden events, as its latest version writes them. */
  const bySubject = [...schemas.values()].map((subject) => {
    const dir = `test/golden/${subject.name}/v${subject.latest.version}`;
    const events = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'), reviveBytes) as object);
    return { subject, events };
  });

  it('has golden events of every subject the bridge writes', () => {
    expect(bySubject.length).toBeGreaterThan(2);
    for (const { subject, events } of bySubject) expect(events.length, subject.name).toBeGreaterThan(0);
  });

  it('Java and Python decode at least one event of every type exactly as our TypeScript decoder does', async () => {
    for (const { subject, events } of bySubject) {
      const encode = createEventCodec<object>(schemas, subject.name);
      const values = events.map((event) => encode.encode(event));
      const expected = values.map((value) => asJson(decoder.decode(value)));
      expect(expected, subject.name).toEqual(events.map(asJson));
      const input = files.write(`${subject.name}.hex`, hexLines(values));
      const reader = `schemas/${subject.name}/v${subject.latest.version}.avsc`;
      const java = await runJava(['soe', '--reader', reader, input]);
      const python = await runPython(['--reader', reader, input]);
      expect(
        java.map((line) => asJson(JSON.parse(line))),
        `Java, ${subject.name}`,
      ).toEqual(expected);
      expect(
        python.map((line) => asJson(JSON.parse(line))),
        `Python, ${subject.name}`,
      ).toEqual(expected);
    }
  });
});

describe('cross-language partitioning by GroupId', () => {
  const keysFile = () => files.write('keys.hex', hexLines(groupIds.map((id) => Buffer.from(id, 'utf8'))));

  it("Java's default partitioner puts each GroupId on the partition the bridge's producer used", async () => {
    const topic = await createTestTopic('cross-language-partitions', 6);
    const publisher = createKafkaPublisher({
      brokers: kafkaBrokers(),
      clientId: 'cross-language',
      logger: silentLogger,
    });
    await publisher.connect();
    try {
      const base = golden[0];
      if (base === undefined) throw new Error(`no golden events in ${goldenDir}`);
      for (const groupId of groupIds) {
        const event = { ...base, message: { ...base.message, groupId } };
        const place = { topic, key: groupId, occurredAt: null, encoder: codec };
        await publisher.publish(toEventRecord(event, place));
      }
    } finally {
      await publisher.close();
    }
    const records = await consumeAll(topic, { expected: groupIds.length });
    const placed = new Map(records.map((r) => [r.key?.toString('utf8'), r.partition]));
    const java = await runJava(['partition', '6', keysFile()]);
    expect(java.map(Number)).toEqual(groupIds.map((id) => placed.get(id)));
    expect(new Set(java).size).toBeGreaterThan(1); // the keys really spread over partitions
  });

  it('kafkajs and Java agree for other partition counts too', async () => {
    const partitioner = Partitioners.DefaultPartitioner();
    for (const count of [1, 3, 12, 100]) {
      const partitionMetadata = Array.from({ length: count }, (_, p) => ({
        partitionErrorCode: 0,
        partitionId: p,
        leader: 0,
        replicas: [0],
        isr: [0],
      }));
      const kafkajs = groupIds.map((key) =>
        partitioner({ topic: 't', partitionMetadata, message: { key, value: null } }),
      );
      const java = await runJava(['partition', String(count), keysFile()]);
      expect(java.map(Number), `${count} partitions`).toEqual(kafkajs);
    }
  });
});

describe('cross-language schema evolution (scratch v2 = v1 + a field with a default)', () => {
  const v1Json = schemas.get('group-message')?.latest.json as { fields: unknown[] };
  const v2Json = {
    ...v1Json,
    fields: [
      ...v1Json.fields,
      { name: 'priority', type: 'string', default: 'normal', doc: 'Scratch field of this test.' },
    ],
  };
  const v1 = describeSchema(v1Json);
  const v2 = describeSchema(v2Json);
  const v2File = () => files.write('v2.avsc', JSON.stringify(v2Json));
  const writeV2 = (event: GroupMessageSentV1) =>
    frameSingleObject(v2.fingerprint.bytes, v2.type.toBuffer({ ...event, priority: 'high' }));

  it('old (v1) readers read values written with v2, ignoring the new field', async () => {
    const values = golden.map(writeV2);
    const expected = values.map((value) => asJson(decodeBody(v1.type, v2.type, value.subarray(10))));
    expect(expected).toEqual(golden.map(asJson));
    const input = files.write('written-v2.hex', hexLines(values));

    const java = await runJava(['soe', '--reader', v1File, '--writer', v2File(), input]);
    const python = await runPython(['--reader', v1File, '--writer', v2File(), input]);
    expect(java.map((line) => asJson(JSON.parse(line)))).toEqual(expected);
    expect(python.map((line) => asJson(JSON.parse(line)))).toEqual(expected);
  });

  it('new (v2) readers read values written with v1, filling in the default', async () => {
    const values = golden.map((event) => codec.encode(event));
    const expected = values.map((value) => asJson(decodeBody(v2.type, v1.type, value.subarray(10))));
    expect(expected).toEqual(golden.map((event) => asJson({ ...event, priority: 'normal' })));
    const input = files.write('written-v1.hex', hexLines(values));

    const java = await runJava(['soe', '--reader', v2File(), '--writer', v1File, input]);
    const python = await runPython(['--reader', v2File(), '--writer', v1File, input]);
    expect(java.map((line) => asJson(JSON.parse(line)))).toEqual(expected);
    expect(python.map((line) => asJson(JSON.parse(line)))).toEqual(expected);
  });
});
