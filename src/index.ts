/**
 * The consumer kit: what services that read the bridge's topic import. Decoding needs no Kafka client and
 * no registry for single-object values; Confluent-framed values need a schema lookup (e.g. a registry's
 * `GET /schemas/ids/{id}`).
 *
 * ```ts
 * import { decode } from 'tencent-im-kafka-bridge';
 * const event = decode(message.value); // GroupMessageSentV1, whichever schema version wrote it
 * ```
 */
export { decode, decodeAsync, createEventDecoder, DecodeError } from './event/decode.js';
export type { DecodeErrorReason, EventDecoder, EventDecoderOptions, SchemaLookup } from './event/decode.js';
export { GROUP_MESSAGE_SENT_V1 } from './event/group-message.v1.js';
export type * from './event/group-message.v1.js';
