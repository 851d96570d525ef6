#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { decode, decodeAsync } from '../event/decode.js';
import type { EventBase } from '../event/event.js';
import { readRecords, type StartAt } from '../kafka/record-reader.js';
import { Settings } from '../config/settings.js';
import { createRegistryClientFor } from '../encoder.js';

const usage = `Usage: tail [--brokers host:port,...] [--topic T] [--from earliest|latest|<ISO time>] [--key K]... [--json]
Prints the events of a topic, one line each: partition@offset, time, event type, key, then the event's own
fields (those beside the envelope every event has) as compact JSON without nulls. Any event type decodes.
  --brokers   default: BRIDGE_KAFKA_BROKERS or 127.0.0.1:9092
  --topic     default: BRIDGE_KAFKA_TOPIC or ${String(Settings.properties.BRIDGE_KAFKA_TOPIC.default)}
              (the app stream: BRIDGE_KAFKA_APP_TOPIC, ${String(Settings.properties.BRIDGE_KAFKA_APP_TOPIC.default)})
  --from      where to start; default latest (only new events)
  --key       only records with this key: a GroupId on the group stream, an SdkAppid on the app stream
              (repeatable; --group is the same)
  --json      one JSON object per line instead: {partition, offset, event} with the whole event
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
      key: { type: 'string', multiple: true, default: [] },
      group: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
      registry: { type: 'string', default: process.env['BRIDGE_SCHEMA_REGISTRY_URL'] ?? '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const keys = new Set([...values.key, ...values.group]);
  const print = values.json ? asJsonLine : asReadableLine;
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
      if (keys.size > 0 && (record.key === null || !keys.has(record.key))) return;
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
        process.stdout.write(`${print(position, record.key, event)}\n`);
      } catch (error) {
        process.stdout.write(`${JSON.stringify({ ...position, error: (error as Error).message })}\n`);
      }
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
}

type Position = { readonly partition: number; readonly offset: string };

function asJsonLine(position: Position, _key: string | null, event: EventBase | null): string {
  return JSON.stringify({ ...position, event });
}

/** The fields every event has (EventBase), printed once in front of a readable line. */
const ENVELOPE = ['eventId', 'eventType', 'schemaVersion', 'receivedTime', 'source'] as const;

/** `p@offset time type key {own fields}`: the envelope once, in front; nulls left out; bytes as text. */
function asReadableLine(position: Position, key: string | null, event: EventBase | null): string {
  const where = `${position.partition}@${position.offset}`;
  if (event === null) return `${where} (no value) ${key ?? ''}`;
  const own: Record<string, unknown> = { ...event };
  for (const envelope of ENVELOPE) Reflect.deleteProperty(own, envelope);
  const fields = JSON.stringify(own, (_name, value: unknown) => {
    if (value === null) return undefined;
    const bytes = value as { type?: unknown; data?: unknown };
    if (bytes.type === 'Buffer' && Array.isArray(bytes.data))
      return Buffer.from(bytes.data as number[]).toString('utf8');
    return value;
  });
  const time = new Date(event.receivedTime).toISOString();
  return `${where} ${time} ${event.eventType.replace(/^tencent\.im\./, '')} ${key ?? '-'} ${fields}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`tail: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exitCode = 1;
});
