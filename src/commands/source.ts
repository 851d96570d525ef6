import type { CallbackQuery } from '../callback/query.js';
import type { SourceV1 } from '../event/event.js';

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
  query: CallbackQuery,
  receivedAt: Date,
): number | string {
  if (eventTime !== null) return eventTime;
  return query.RequestTime === undefined
    ? `received ${Math.floor(receivedAt.getTime() / 1000)}`
    : `sent ${query.RequestTime}`;
}
