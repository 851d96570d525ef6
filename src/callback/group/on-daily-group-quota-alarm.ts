import { Type, type Static } from '@sinclair/typebox';
import { EventTime, Obj, SafeInteger, Str } from '../json-schema.js';

/**
 * `Group.CallbackOnDailyGroupQuotaAlarm` (callbacks-all reference §3.13): the app's net new groups of the
 * day (created − disbanded) passed 70 % of its daily quota. It is about the whole app: there is no GroupId,
 * and nothing is required.
 */
export const OnDailyGroupQuotaAlarm = Obj({
  CallbackCommand: Type.Optional(Str),
  QuotaUsed: Type.Optional(SafeInteger),
  Quota: Type.Optional(SafeInteger),
  EventTime: Type.Optional(EventTime),
});
export type OnDailyGroupQuotaAlarm = Static<typeof OnDailyGroupQuotaAlarm>;
