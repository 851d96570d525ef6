import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The bridge's Prometheus metrics, in one registry (no global state: tests build their own). Names follow
 * Prometheus conventions: base units (seconds, bytes), `_total` for counters, bounded label values.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<'route' | 'method' | 'status'>;
  /**
   * Callbacks by outcome (accepted: a typed event; kept: published whole as callback-received; refused;
   * ignored: a before-callback, or keeping is off) and error code (empty unless refused).
   */
  readonly callbacks: Counter<'outcome' | 'code'>;
  /** Callback commands answered OK without handling them, by command. */
  readonly unhandledCommands: Counter<'command'>;
  readonly deadLetters: Counter<'reason'>;
  /** Time from handing a record to the Kafka producer to its acknowledgement (acks=-1). */
  readonly publishDuration: Histogram;
  readonly batchSize: Histogram;
  readonly spoolRecords: Gauge;
  readonly spoolBytes: Gauge;
  /** The configured spool size limit, so alerts can compare bridge_spool_bytes with it. */
  readonly spoolMaxBytes: Gauge;
  readonly spoolForwarded: Counter;
  /** Events written to the spool instead of straight to Kafka, by reason. */
  readonly spooled: Counter<'reason'>;
  readonly spoolAppendGroup: Histogram;
  /** Age of the oldest spooled record: how far the forwarder lags. */
  readonly spoolLagSeconds: Gauge;
  readonly kafkaConnected: Gauge;
  readonly duplicatesDropped: Counter;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'bridge_http_request_duration_seconds',
      help: 'HTTP request duration by route, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers,
    }),
    callbacks: new Counter({
      name: 'bridge_callbacks_total',
      help: 'Callbacks by outcome (accepted, kept, refused, ignored) and error code.',
      labelNames: ['outcome', 'code'],
      registers,
    }),
    unhandledCommands: new Counter({
      name: 'bridge_unhandled_commands_total',
      help: 'Callbacks of commands without a typed event (kept whole, or ignored), by command.',
      labelNames: ['command'],
      registers,
    }),
    deadLetters: new Counter({
      name: 'bridge_dead_letters_total',
      help: 'Refused callbacks written to the dead-letter topic, by reason.',
      labelNames: ['reason'],
      registers,
    }),
    publishDuration: new Histogram({
      name: 'bridge_publish_duration_seconds',
      help: 'Time from handing a record to the Kafka producer to its acknowledgement (acks=-1).',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2],
      registers,
    }),
    batchSize: new Histogram({
      name: 'bridge_kafka_batch_records',
      help: 'Records per produce request.',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    }),
    spoolRecords: new Gauge({
      name: 'bridge_spool_records',
      help: 'Events waiting in the spool.',
      registers,
    }),
    spoolBytes: new Gauge({
      name: 'bridge_spool_bytes',
      help: 'Bytes of events waiting in the spool.',
      registers,
    }),
    spoolMaxBytes: new Gauge({
      name: 'bridge_spool_max_bytes',
      help: 'Configured spool size limit (BRIDGE_SPOOL_MAX_BYTES).',
      registers,
    }),
    spoolForwarded: new Counter({
      name: 'bridge_spool_forwarded_total',
      help: 'Events forwarded from the spool to Kafka.',
      registers,
    }),
    spooled: new Counter({
      name: 'bridge_spooled_total',
      help: 'Events written to the spool instead of straight to Kafka, by reason.',
      labelNames: ['reason'],
      registers,
    }),
    spoolAppendGroup: new Histogram({
      name: 'bridge_spool_append_group_records',
      help: 'Records committed per spool transaction (one fsync).',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers,
    }),
    spoolLagSeconds: new Gauge({
      name: 'bridge_spool_lag_seconds',
      help: 'Age of the oldest event in the spool (0 when empty).',
      registers,
    }),
    kafkaConnected: new Gauge({
      name: 'bridge_kafka_connected',
      help: '1 while the producer is connected to Kafka.',
      registers,
    }),
    duplicatesDropped: new Counter({
      name: 'bridge_duplicates_dropped_total',
      help: 'Second copies of a message dropped by the dedup window.',
      registers,
    }),
  };
}
