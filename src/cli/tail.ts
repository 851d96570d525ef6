#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { decode, decodeAsync } from '../event/decode.js';
import { readRecords, type StartAt } from '../kafka/record-reader.js';
import { Settings } from '../config/settings.js';
import { createRegistryClientFor } from '../encoder.js';

const usage = `Usage: tail [--brokers host:port,...] [--topic T] [--from earliest|latest|<ISO time>] [--group GroupId]...
Prints the events of the topic as JSON lines (one decoded event per line, with partition and offset).
  --brokers   default: BRIDGE_KAFKA_BROKERS or 127.0.0.1:9092
  --topic     default: BRIDGE_KAFKA_TOPIC or tencent-im.group-messages.v1
  --from      where to start; default latest (only new events)
  --group     only events of this GroupId (repeatable)
  --registry  schema registry URL for Confluent-framed values; default BRIDGE_SCHEMA_REGISTRY_URL
              (basic auth and CA from BRIDGE_SCHEMA_REGISTRY_USERNAME, _PASSWORD, _CA_FILE)`;

function startAt(from: string): StartAt {
  if (from === 'earliest' || from === 'latest') return { kind: from };
  const time = new Date(from);
  if (Number.isNaN(time.getTime()))
    throw new Error(`--from: expected earliest, latest or an ISO time, got ${from}`);
  return { kind: 'time', time };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      brokers: { type: 'string', default: process.env['BRIDGE_KAFKA_BROKERS'] ?? '127.0.0.1:9092' },
      topic: {
        type: 'string',
        default: process.env['BRIDGE_KAFKA_TOPIC'] ?? String(Settings.properties.BRIDGE_KAFKA_TOPIC.default),
      },
      from: { type: 'string', default: 'latest' },
      group: { type: 'string', multiple: true, default: [] },
      registry: { type: 'string', default: process.env['BRIDGE_SCHEMA_REGISTRY_URL'] ?? '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const groups = new Set(values.group);
  const registry =
    values.registry === ''
      ? undefined
      : createRegistryClientFor({
          BRIDGE_SCHEMA_REGISTRY_URL: values.registry,
          BRIDGE_SCHEMA_REGISTRY_USERNAME: process.env['BRIDGE_SCHEMA_REGISTRY_USERNAME'] ?? '',
          BRIDGE_SCHEMA_REGISTRY_PASSWORD: process.env['BRIDGE_SCHEMA_REGISTRY_PASSWORD'] ?? '',
          BRIDGE_SCHEMA_REGISTRY_CA_FILE: process.env['BRIDGE_SCHEMA_REGISTRY_CA_FILE'] ?? '',
        });
  const lookup = registry && ((id: number) => registry.getSchemaById(id));
  const stop = await readRecords({
    brokers: values.brokers.split(',').map((broker) => broker.trim()),
    clientId: 'tencent-im-kafka-bridge-tail',
    topic: values.topic,
    startAt: startAt(values.from),
    onRecord: async (record) => {
      if (groups.size > 0 && (record.key === null || !groups.has(record.key))) return;
      const position = { partition: record.partition, offset: record.offset };
      if (record.headers['dlq-reason'] !== undefined) {
        const body = record.value?.toString('utf8') ?? null;
        process.stdout.write(
          `${JSON.stringify({ ...position, deadLetter: { headers: record.headers, body } })}\n`,
        );
        return;
      }
      try {
        const event =
          record.value === null
            ? null
            : lookup
              ? await decodeAsync(record.value, lookup)
              : decode(record.value);
        process.stdout.write(`${JSON.stringify({ ...position, event })}\n`);
      } catch (error) {
        process.stdout.write(`${JSON.stringify({ ...position, error: (error as Error).message })}\n`);
      }
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`tail: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exitCode = 1;
});
