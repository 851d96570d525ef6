import type { CallbackQuery } from '../callback/query.js';
import { eventIdOf } from '../event/event-id.js';
import type { SourceV1 } from '../event/event.js';
import type { CallbackContext } from './command.js';

/**
 * The envelope every v1 event starts with: its id (eventIdOf over the event type, the SdkAppid and then
 * `identity`, what the schema's eventId doc names after them), its type, schema version 1, when it was
 * received and where it came from.
 */
export function envelopeOf<T extends string>(
  eventType: T,
  identity: Parameters<typeof eventIdOf>[1],
  { query, receivedAt }: CallbackContext,
) {
  return {
    eventId: eventIdOf(eventType, [query.SdkAppid, ...identity]),
    eventType,
    schemaVersion: 1,
    receivedTime: receivedAt.getTime(),
    source: toSource(query),
  };
}

/** The query-string parameters every event carries, in our names. */
export function toSource(query: CallbackQuery): SourceV1 {
  return {
    sdkAppId: query.SdkAppid,
    callbackCommand: query.CallbackCommand,
    clientIp: query.ClientIP ?? null,
    optPlatform: query.OptPlatform ?? null,
    requestId: query.RequestID ?? null,
  };
}

/** EventTime (milliseconds, sent as a number or a string of digits) as a number, or null when absent. */
export function toEventTime(eventTime: number | string | undefined): number | null {
  return eventTime === undefined ? null : Number(eventTime);
}

/**
 * What tells two occurrences of the same change apart in an event id: the body's EventTime (milliseconds)
 * or, for a body without one, when Tencent sent this delivery: `sent <RequestTime>` (whole seconds, part of
 * what Tencent signs), else `received <seconds>` by our clock. So a change that repeats (a member going
 * offline again, a topic renamed back) is a new event and never deduplicated away; the price is that
 * Tencent's optional retry of such a body may get a new id too.
 */
export function occurrenceOf(
  eventTime: number | null,
  { query, receivedAt }: CallbackContext,
): number | string {
  if (eventTime !== null) return eventTime;
  return query.RequestTime === undefined
    ? `received ${Math.floor(receivedAt.getTime() / 1000)}`
    : `sent ${query.RequestTime}`;
}
