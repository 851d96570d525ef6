import type { PublisherMetrics } from '../kafka/publisher-metrics.js';
import type { Metrics } from './metrics.js';

/** The Kafka publisher's metrics port, reported to Prometheus. */
export function publisherMetrics(metrics: Metrics): PublisherMetrics {
  return {
    batchSize: (records) => metrics.batchSize.observe(records),
    publishLatency: (seconds, outcome) => {
      if (outcome === 'acked') metrics.publishDuration.observe({ path: 'kafka' }, seconds);
    },
    queueDepth: () => undefined,
    connected: (isConnected) => metrics.kafkaConnected.set(isConnected ? 1 : 0),
  };
}
