import type { OutboundRecord } from './kafka/event-publisher.js';
import type { EventBase } from './event/event.js';
import type { BridgeError } from './errors.js';

/** What the pipeline needs of a subject's codec: the encoded, framed value and the identity of its schema. */
export interface EventEncoder {
  encode(event: EventBase): Buffer;
  readonly schemaVersion: number;
  /** Hex of the schema's CRC-64-AVRO fingerprint (single-object framing) or registry id. */
  readonly schemaId: string;
}

/** Where an event goes and what it says about itself: its topic, key, time and encoder. */
export interface RecordPlace {
  readonly topic: string;
  /** GroupId in the per-group stream (each group one ordered stream), SdkAppid in the app stream. */
  readonly key: string;
  /** When it happened, in milliseconds; null when Tencent did not say (the receipt time is used). */
  readonly occurredAt: number | null;
  readonly encoder: EventEncoder;
}

/**
 * The Kafka record of an event. Headers repeat, in CloudEvents' Kafka binding names, what routers and tools
 * need without decoding the value, after the caller's trace headers (which never replace ours).
 */
export function toEventRecord(
  event: EventBase,
  place: RecordPlace,
  traceHeaders: Readonly<Record<string, string>> = {},
): OutboundRecord {
  const { encoder } = place;
  const headers: Record<string, string> = {
    ...traceHeaders,
    ce_specversion: '1.0',
    ce_id: event.eventId,
    ce_type: event.eventType,
    ce_source: `/tencent-im/${event.source.sdkAppId}`,
    ce_time: new Date(place.occurredAt ?? event.receivedTime).toISOString(),
    'content-type': 'application/avro',
    'schema-version': String(encoder.schemaVersion),
    'schema-id': encoder.schemaId,
  };
  return { topic: place.topic, key: place.key, value: encoder.encode(event), headers };
}

export interface RefusedCallback {
  readonly body: Uint8Array;
  readonly rawQuery: string;
  readonly sdkAppId: string;
  readonly receivedAt: Date;
}

/**
 * The dead-letter record of a refused, authenticated callback: the body bytes exactly as received, and the
 * why in headers (`dlq-*`), so a fixed bridge can replay it unchanged. The Sign in the stored query is
 * redacted: it is a hash of the token and could be attacked offline.
 */
export function toDeadLetterRecord(
  refused: RefusedCallback,
  error: BridgeError,
  topic: string,
): OutboundRecord {
  const headers: Record<string, string> = {
    'dlq-reason': error.code,
    'dlq-message': error.message,
    'dlq-query': redactSign(refused.rawQuery),
    'dlq-received-time': refused.receivedAt.toISOString(),
    'dlq-sdkappid': refused.sdkAppId,
    'content-type': 'application/octet-stream',
  };
  if (error.path !== undefined) headers['dlq-path'] = error.path;
  return { topic, key: refused.sdkAppId, value: Buffer.from(refused.body), headers };
}

function redactSign(rawQuery: string): string {
  return rawQuery.replace(/(^|&)(Sign=)[^&]*/g, '$1$2redacted');
}
