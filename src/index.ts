/**
 * The consumer kit: what services that read the bridge's topics import. Decoding needs no Kafka client and
 * no registry for single-object values; Confluent-framed values need a schema lookup (e.g. a registry's
 * `GET /schemas/ids/{id}`).
 *
 * ```ts
 * import { decode } from 'tencent-im-kafka-bridge';
 * const event = decode(message.value); // any event type, whichever schema version wrote it
 * switch (event.eventType) {
 *   case 'tencent.im.group.message.sent': // event is GroupMessageSentV1 here
 * }
 * ```
 */
import type { TableEvent } from './commands/table.js';
import type { CallbackReceivedV1 } from './event/callback-received.v1.js';
import { decode as decodeAny, decodeAsync as decodeAnyAsync, type SchemaLookup } from './event/decode.js';

/** Every event type the bridge publishes: a `switch (event.eventType)` narrows it. */
export type BridgeEvent = TableEvent | CallbackReceivedV1;

/** The event type of one `eventType`, e.g. `EventOfType<'tencent.im.group.members.joined'>`. */
export type EventOfType<T extends BridgeEvent['eventType']> = Extract<BridgeEvent, { readonly eventType: T }>;

/** Every `eventType` string the bridge publishes. */
export type EventType = BridgeEvent['eventType'];

/**
 * Decodes a single-object value of any event type with the schemas this package ships, into the newest
 * version of its type. Throws DecodeError (UNKNOWN_FINGERPRINT for a type or version newer than the package).
 */
export function decode(value: Uint8Array): BridgeEvent {
  return decodeAny(value) as BridgeEvent;
}

/** As `decode`, and Confluent-framed values too (pass the same `lookupSchema` function each time). */
export async function decodeAsync(value: Uint8Array, lookupSchema: SchemaLookup): Promise<BridgeEvent> {
  return (await decodeAnyAsync(value, lookupSchema)) as BridgeEvent;
}

export { createEventDecoder, DecodeError } from './event/decode.js';
export type { DecodeErrorReason, EventDecoder, EventDecoderOptions, SchemaLookup } from './event/decode.js';
export type { EventBase, SourceV1 } from './event/event.js';
export { CALLBACK_RECEIVED_V1, type CallbackReceivedV1 } from './event/callback-received.v1.js';
export { GROUP_MESSAGE_SENT_V1 } from './event/group-message.v1.js';
export type * from './event/group-message.v1.js';
