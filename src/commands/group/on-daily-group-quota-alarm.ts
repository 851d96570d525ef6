import { OnDailyGroupQuotaAlarm } from '../../callback/group/on-daily-group-quota-alarm.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { eventIdOf } from '../../event/event-id.js';
import { GROUP_QUOTA_ALARM_V1, type GroupQuotaAlarmV1 } from '../../event/group-quota-alarm.v1.js';
import { defineCommand } from '../command.js';
import { toEventTime, toSource } from '../source.js';

/**
 * The app's daily group quota is nearly used up: `GroupQuotaAlarm`. It names no group, so it goes on the
 * app stream, keyed by the SdkAppid.
 */
export const onDailyGroupQuotaAlarm = defineCommand({
  command: 'Group.CallbackOnDailyGroupQuotaAlarm',
  body: OnDailyGroupQuotaAlarm,
  subject: 'group-quota-alarm',
  stream: 'app',
  parse: bodyParser(OnDailyGroupQuotaAlarm),
  toEvent: (body: OnDailyGroupQuotaAlarm, { query, receivedAt }): GroupQuotaAlarmV1 => {
    const eventTime = toEventTime(body.EventTime);
    const quotaUsed = body.QuotaUsed ?? null;
    return {
      eventId: eventIdOf(GROUP_QUOTA_ALARM_V1, [query.SdkAppid, eventTime, quotaUsed]),
      eventType: GROUP_QUOTA_ALARM_V1,
      schemaVersion: 1,
      receivedTime: receivedAt.getTime(),
      source: toSource(query),
      quotaUsed,
      quota: body.Quota ?? null,
      eventTime,
      unmodelledJson: undocumentedMembersJson(body, OnDailyGroupQuotaAlarm),
    };
  },
  key: (event) => event.source.sdkAppId,
  occurredAt: (event) => event.eventTime,
});
