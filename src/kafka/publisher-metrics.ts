/**
 * What the Kafka publisher reports. A port so that this folder does not depend on a metrics library; the
 * composition root passes an adapter, tests pass a recorder, and `noopPublisherMetrics` is the default.
 */
export interface PublisherMetrics {
  /** Records in one produce request (a `sendBatch` call) that was sent. */
  batchSize(records: number): void;
  /** From `publish()` to acknowledgement (or failure), in seconds. */
  publishLatency(seconds: number, outcome: 'acked' | 'failed'): void;
  /** The producer's view of the cluster changed. */
  connected(isConnected: boolean): void;
}

export const noopPublisherMetrics: PublisherMetrics = {
  batchSize: () => undefined,
  publishLatency: () => undefined,
  connected: () => undefined,
};
