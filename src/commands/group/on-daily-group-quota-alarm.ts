import { OnDailyGroupQuotaAlarm } from '../../callback/group/on-daily-group-quota-alarm.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { GROUP_QUOTA_ALARM_V1, type GroupQuotaAlarmV1 } from '../../event/group-quota-alarm.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

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
  toEvent: (body: OnDailyGroupQuotaAlarm, context): GroupQuotaAlarmV1 => {
    const eventTime = toEventTime(body.EventTime);
    const quotaUsed = body.QuotaUsed ?? null;
    return {
      ...envelopeOf(GROUP_QUOTA_ALARM_V1, [eventTime, quotaUsed], context),
      quotaUsed,
      quota: body.Quota ?? null,
      eventTime,
      unmodelledJson: undocumentedMembersJson(body, OnDailyGroupQuotaAlarm),
    };
  },
  key: (event) => event.source.sdkAppId,
  occurredAt: (event) => event.eventTime,
});
