import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from './config/settings.js';
import type { EventPublisher } from './kafka/event-publisher.js';
import type { KafkaPublisher } from './kafka/kafka-publisher.js';
import type { Logger } from './logger.js';
import { spoolMetrics } from './metrics/adapters.js';
import type { Metrics } from './metrics/metrics.js';
import { createDurablePublisher } from './spool/durable-publisher.js';
import { openSpool, type Spool } from './spool/spool.js';

/** How events become durable: straight to Kafka, or through the spool when it is enabled. */
export interface Delivery {
  readonly publisher: EventPublisher;
  /** Ready when Kafka is reachable, or when the spool can still take events. */
  readiness(): { ready: boolean; reasons: string[] };
  close(): Promise<void>;
}

export interface DeliveryDeps {
  readonly settings: Settings;
  /** Every topic the bridge writes to (events and dead letters), created at start when asked. */
  readonly topics: readonly string[];
  readonly kafka: KafkaPublisher;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** The spool counts as having room until it is this full: a nearly full spool should stop taking traffic. */
const SPOOL_READY_FRACTION = 0.95;

/**
 * Connects to Kafka (creating the topics first when asked) without ever blocking start-up on it: a bridge
 * that starts while Kafka is down spools (or, without a spool, reports not ready) until Kafka is back. With
 * the spool, whatever survived the last run is forwarded before anything new.
 */
export async function startDelivery(deps: DeliveryDeps): Promise<Delivery> {
  const { settings, kafka, logger } = deps;
  const stopTopicRetries = await connectKafka(deps);
  if (!settings.BRIDGE_SPOOL_ENABLED) {
    logger.warn({}, 'the spool is disabled: callbacks get 503 while Kafka is unavailable');
    return {
      publisher: kafka,
      readiness: () => (kafka.isConnected() ? ready() : notReady('Kafka is unreachable')),
      close: () => {
        stopTopicRetries();
        return kafka.close();
      },
    };
  }
  const spool = openBridgeSpool(deps);
  deps.metrics.spoolMaxBytes.set(settings.BRIDGE_SPOOL_MAX_BYTES);
  const publisher = createDurablePublisher({
    kafka,
    spool,
    logger,
    metrics: spoolMetrics(deps.metrics),
    publishTimeoutMs: settings.BRIDGE_KAFKA_PUBLISH_TIMEOUT_MS,
    maxInFlightRecords: settings.BRIDGE_KAFKA_MAX_IN_FLIGHT_RECORDS,
    dedupWindowMs: settings.BRIDGE_DEDUP_WINDOW_MS,
  });
  publisher.start();
  const lag = setInterval(() => {
    const oldest = spool.peek(1)[0];
    deps.metrics.spoolLagSeconds.set(
      oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest.spooledAt) / 1000),
    );
  }, 1000);
  lag.unref();
  return {
    publisher,
    readiness: () => {
      if (kafka.isConnected()) return ready();
      const full = spool.depth().bytes >= settings.BRIDGE_SPOOL_MAX_BYTES * SPOOL_READY_FRACTION;
      return full ? notReady('Kafka is unreachable and the spool is full') : ready();
    },
    close: () => {
      clearInterval(lag);
      stopTopicRetries();
      return publisher.close();
    },
  };
}

function openBridgeSpool({ settings, logger, metrics }: DeliveryDeps): Spool {
  mkdirSync(settings.BRIDGE_SPOOL_DIR, { recursive: true });
  const path = join(settings.BRIDGE_SPOOL_DIR, 'spool.sqlite');
  const spool = openSpool({
    path,
    maxBytes: settings.BRIDGE_SPOOL_MAX_BYTES,
    logger,
    metrics: spoolMetrics(metrics),
  });
  const depth = spool.depth();
  if (depth.records > 0)
    logger.warn({ ...depth, path }, 'the spool holds events from an earlier run; forwarding them first');
  return spool;
}

/** Returns a function that stops retrying topic creation, for close(). */
async function connectKafka({ settings, topics, kafka, logger }: DeliveryDeps): Promise<() => void> {
  try {
    await kafka.connect();
  } catch (error) {
    logger.warn({ err: error }, 'Kafka is not reachable at start; will keep trying');
  }
  const retries = { stopped: false, timer: undefined as NodeJS.Timeout | undefined };
  if (settings.BRIDGE_KAFKA_AUTO_CREATE_TOPICS) {
    const wanted = [...new Set(topics)].map((topic) => ({
      topic,
      partitions: settings.BRIDGE_KAFKA_TOPIC_PARTITIONS,
    }));
    await createTopicsUntilDone(wanted, kafka, logger, retries);
  }
  return () => {
    retries.stopped = true;
    clearTimeout(retries.timer);
  };
}

/** Creates the topics now, or keeps trying in the background while Kafka is down (development setting). */
async function createTopicsUntilDone(
  topics: readonly { topic: string; partitions: number }[],
  kafka: KafkaPublisher,
  logger: Logger,
  retries: { stopped: boolean; timer: NodeJS.Timeout | undefined },
): Promise<void> {
  try {
    await kafka.ensureTopics(topics);
  } catch (error) {
    if (retries.stopped) return;
    logger.warn({ err: error }, 'could not create the topics; retrying every 2 s');
    retries.timer = setTimeout(() => void createTopicsUntilDone(topics, kafka, logger, retries), 2000);
    retries.timer.unref();
  }
}

const ready = () => ({ ready: true, reasons: [] });
const notReady = (reason: string) => ({ ready: false, reasons: [reason] });
