import type { OutboundRecord } from '../kafka/event-publisher.js';

/**
 * What the durable publisher needs from Kafka (the kafkajs publisher satisfies it): publish with a way to
 * withdraw a record that has not been sent yet, a connection signal, and close. Publishes must reach the
 * topic in call order per key, and a withdrawn record that was still queued must never be sent.
 */
export interface DirectPublisher {
  publish(record: OutboundRecord, options?: { readonly signal?: AbortSignal }): Promise<void>;
  isConnected(): boolean;
  close(): Promise<void>;
}
