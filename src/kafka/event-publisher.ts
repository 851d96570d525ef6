/** A record ready for Kafka: the bridge's own shape, independent of the client library. */
export interface OutboundRecord {
  readonly topic: string;
  /** Partitioning key; for events, the GroupId. Records with one key keep their order. */
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The port the pipeline publishes through. Implementations: the kafkajs publisher (src/kafka), the durable
 * spool in front of it (src/spool), and test fakes.
 */
export interface EventPublisher {
  /**
   * Resolves once the record is durable: acknowledged by all in-sync replicas (acks=-1) or fsync'd to the
   * spool. Rejects with a BridgeError (retriable when Kafka is unavailable) otherwise. Records published
   * with the same key, one after another, reach the topic in that order.
   */
  publish(record: OutboundRecord): Promise<void>;
  /** Finishes what is in flight, then releases connections and files. */
  close(): Promise<void>;
}
