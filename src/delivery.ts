import type { Settings } from './config/settings.js';
import type { EventPublisher } from './kafka/event-publisher.js';
import type { KafkaPublisher } from './kafka/kafka-publisher.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics/metrics.js';

/** How events become durable: straight to Kafka, or through the spool when it is enabled. */
export interface Delivery {
  readonly publisher: EventPublisher;
  /** Ready when Kafka is reachable, or when the spool can still take events. */
  readiness(): { ready: boolean; reasons: string[] };
  close(): Promise<void>;
}

export interface DeliveryDeps {
  readonly settings: Settings;
  readonly kafka: KafkaPublisher;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * Connects to Kafka (creating the topics first when asked) without ever blocking start-up on it: a bridge
 * that starts while Kafka is down spools (or reports not ready) until Kafka is back.
 */
export async function startDelivery(deps: DeliveryDeps): Promise<Delivery> {
  const { settings, kafka, logger } = deps;
  await connectKafka(deps);
  if (settings.BRIDGE_SPOOL_ENABLED) logger.warn({}, 'the spool is not available in this build; publishing to Kafka directly');
  return {
    publisher: kafka,
    readiness: () =>
      kafka.isConnected() ? { ready: true, reasons: [] } : { ready: false, reasons: ['Kafka is unreachable'] },
    close: () => kafka.close(),
  };
}

async function connectKafka({ settings, kafka, logger }: DeliveryDeps): Promise<void> {
  try {
    await kafka.connect();
    if (settings.BRIDGE_KAFKA_AUTO_CREATE_TOPICS) {
      const partitions = settings.BRIDGE_KAFKA_TOPIC_PARTITIONS;
      await kafka.ensureTopics([
        { topic: settings.BRIDGE_KAFKA_TOPIC, partitions },
        { topic: settings.BRIDGE_DLQ_TOPIC, partitions },
      ]);
    }
  } catch (error) {
    logger.warn({ err: error }, 'Kafka is not reachable at start; will keep trying');
  }
}
