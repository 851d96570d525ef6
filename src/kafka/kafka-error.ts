import { BridgeError } from '../errors.js';

/**
 * Turns whatever kafkajs threw into the bridge's error. Everything the producer reports is treated as
 * Kafka being unavailable (retriable): the record itself was already validated and encoded. The kafkajs
 * error stays as `cause` (typed `unknown`), so no kafkajs type leaves this folder.
 */
export function toPublishError(
  error: unknown,
  message = 'Kafka did not acknowledge the record',
): BridgeError {
  if (error instanceof BridgeError) return error;
  const described = error instanceof Error ? { kafkaError: error.name, kafkaMessage: error.message } : {};
  return new BridgeError('PUBLISH_FAILED', message, { retriable: true, cause: error, details: described });
}
