import type { PublisherMetrics } from '../kafka/publisher-metrics.js';
import type { SpoolMetrics } from '../spool/spool-metrics.js';
import type { Metrics } from './metrics.js';

/** The Kafka publisher's metrics port, reported to Prometheus. */
export function publisherMetrics(metrics: Metrics): PublisherMetrics {
  return {
    batchSize: (records) => metrics.batchSize.observe(records),
    publishLatency: (seconds, outcome) => {
      if (outcome === 'acked') metrics.publishDuration.observe(seconds);
    },
    connected: (isConnected) => metrics.kafkaConnected.set(isConnected ? 1 : 0),
  };
}

/** The spool's metrics port, reported to Prometheus. */
export function spoolMetrics(metrics: Metrics): SpoolMetrics {
  return {
    spoolDepth: (records, bytes) => {
      metrics.spoolRecords.set(records);
      metrics.spoolBytes.set(bytes);
    },
    appendGroup: (records) => metrics.spoolAppendGroup.observe(records),
    spooled: (records, reason) => metrics.spooled.inc({ reason }, records),
    forwarded: (records) => metrics.spoolForwarded.inc(records),
    deduplicated: (records) => metrics.duplicatesDropped.inc(records),
  };
}
