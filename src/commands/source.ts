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
