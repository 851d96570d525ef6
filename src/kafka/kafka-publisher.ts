import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import { BridgeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createBatcher, type PublishOptions } from './batcher.js';
import type { EventPublisher, OutboundRecord } from './event-publisher.js';
import { toKafkaConfig, type ClientSettings } from './kafka-options.js';
import { toPublishError } from './kafka-error.js';
import { noopPublisherMetrics, type PublisherMetrics } from './publisher-metrics.js';
import { createKafkaLogCreator } from './kafka-log.js';
import { createTopics, type TopicSpec } from './ensure-topics.js';
import { installFastRecordEncoding } from './record-encoding.js';

export type { PublishOptions } from './batcher.js';
export type { TopicSpec } from './ensure-topics.js';

export interface KafkaPublisherOptions extends Omit<ClientSettings, 'requestTimeoutMs'> {
  /** Wait for company before sending a batch. Default 2 ms. */
  readonly lingerMs?: number;
  /** Records per produce request. Default 500. */
  readonly batchMaxRecords?: number;
  /**
   * `sendBatch` calls in flight at once (also kafkajs's `maxInFlightRequests`). A key is never in two of
   * them, which is what keeps per-key order. Default 5.
   */
  readonly maxInFlightBatches?: number;
  /** kafkajs request timeout, also the broker-side ack timeout of a produce. Default 1000 ms. */
  readonly requestTimeoutMs?: number;
  /** Every publish settles by then. Default 1000 ms, so the reply to Tencent comes well inside 2 s. */
  readonly publishTimeoutMs?: number;
  /** While the cluster looks unreachable, probe it this often to notice recovery. Default 2000 ms. */
  readonly probeIntervalMs?: number;
  readonly logger: Logger;
  readonly metrics?: PublisherMetrics;
  /** Monotonic milliseconds; latency metrics only. Default performance.now. */
  readonly now?: () => number;
}

/** The kafkajs-backed publisher. Also the port the spool forwarder sends through. */
export interface KafkaPublisher extends EventPublisher {
  /**
   * Resolves when the record's batch is acknowledged by all in-sync replicas (acks=-1); rejects with a
   * retriable PUBLISH_FAILED after `publishTimeoutMs` or a failure (the record may still land: at least
   * once), or SHUTTING_DOWN after close(). Same-key records keep their publish order on the topic.
   */
  publish(record: OutboundRecord, options?: PublishOptions): Promise<void>;
  connect(): Promise<void>;
  /** The last thing we heard from the cluster was good: connected, and the last produce (or probe) worked. */
  isConnected(): boolean;
  /** Creates the topics that do not exist yet; an existing topic is left as it is. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
}

/**
 * One idempotence-free producer with acks=-1 and Java's murmur2 partitioner (same key → same partition as
 * Java clients and Kafka Streams), fed by a batcher that keeps up to `maxInFlightBatches` `sendBatch` calls
 * in flight, no key in two of them. See src/kafka/README.md for why the producer is not idempotent and
 * what that costs.
 */
export function createKafkaPublisher(options: KafkaPublisherOptions): KafkaPublisher {
  const { logger, metrics = noopPublisherMetrics, now = () => performance.now() } = options;
  const requestTimeoutMs = options.requestTimeoutMs ?? 1000;
  const maxInFlightBatches = options.maxInFlightBatches ?? 5;
  const fastRecords = installFastRecordEncoding();
  if (!fastRecords.installed) logger.info({ reason: fastRecords.reason }, 'kafkajs encodes records itself');
  const kafka = new Kafka(toKafkaConfig({ ...options, requestTimeoutMs }, createKafkaLogCreator(logger)));
  const producer: Producer = kafka.producer({
    // Java's murmur2 placement. In kafkajs 2.x `JavaCompatiblePartitioner` is a deprecated alias of this
    // very function; it is named here so that a change of kafkajs's default cannot move our keys.
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    idempotent: false,
    // One produce request per broker per batch: as many per connection as batches in flight, so kafkajs
    // never holds back a batch the batcher released. Its retries stay inside one sendBatch (one batch).
    maxInFlightRequests: maxInFlightBatches,
  });
  const connection = createConnectionState(metrics);
  let admin: Admin | undefined;
  let closing = false;
  let probe: NodeJS.Timeout | undefined;

  // kafkajs refuses to send until connect() succeeded once; a producer that could not connect at boot
  // (Kafka down) connects on its next send instead.
  let producerConnected = false;
  producer.on(producer.events.CONNECT, () => {
    producerConnected = true;
    connection.set(true);
  });
  producer.on(producer.events.DISCONNECT, () => {
    producerConnected = false;
    connection.set(false);
  });

  const batcher = createBatcher({
    lingerMs: options.lingerMs ?? 2,
    batchMaxRecords: options.batchMaxRecords ?? 500,
    maxInFlightBatches,
    publishTimeoutMs: options.publishTimeoutMs ?? 1000,
    metrics,
    now,
    send: async (records) => {
      try {
        if (!producerConnected) await producer.connect();
        await producer.sendBatch({
          acks: -1,
          timeout: requestTimeoutMs,
          topicMessages: toTopicMessages(records),
        });
        connection.set(true);
      } catch (error) {
        connection.set(false);
        startProbing();
        throw toPublishError(error);
      }
    },
  });

  function getAdmin(): Admin {
    admin ??= kafka.admin({ retry: { retries: 1 } });
    return admin;
  }

  function startProbing(): void {
    if (probe !== undefined || closing) return;
    probe = setInterval(() => {
      getAdmin()
        .connect()
        .then(() => getAdmin().describeCluster())
        .then(() => {
          connection.set(true);
          clearInterval(probe);
          probe = undefined;
        })
        .catch((error: unknown) => {
          logger.debug({ err: error }, 'Kafka probe failed');
        });
    }, options.probeIntervalMs ?? 2000);
    probe.unref();
  }

  return {
    publish(record, publishOptions) {
      if (closing) return Promise.reject(new BridgeError('SHUTTING_DOWN', 'the Kafka publisher is closing'));
      return batcher.publish(record, publishOptions);
    },
    async connect() {
      try {
        await producer.connect();
      } catch (error) {
        startProbing();
        throw toPublishError(error, 'could not connect to Kafka');
      }
    },
    isConnected: () => connection.get(),
    async ensureTopics(topics) {
      try {
        await getAdmin().connect();
        await createTopics(getAdmin(), topics, logger);
      } catch (error) {
        throw toPublishError(error, 'could not create the Kafka topics');
      }
    },
    async close() {
      closing = true;
      clearInterval(probe);
      await batcher.flush();
      await Promise.allSettled([producer.disconnect(), admin?.disconnect()]);
    },
  };
}

function toTopicMessages(records: readonly OutboundRecord[]) {
  const byTopic = new Map<string, Omit<OutboundRecord, 'topic'>[]>();
  for (const { topic, key, value, headers } of records) {
    let messages = byTopic.get(topic);
    if (messages === undefined) byTopic.set(topic, (messages = []));
    messages.push({ key, value, headers });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function createConnectionState(metrics: PublisherMetrics) {
  let connected = false;
  return {
    get: () => connected,
    set(next: boolean) {
      if (next === connected) return;
      connected = next;
      metrics.connected(next);
    },
  };
}
