import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupQuotaAlarm` (schemas/group-quota-alarm/v1.avsc): the app's
 * net new groups of the day passed 70 % of its daily quota. About the whole app: on the app stream, key:
 * source.sdkAppId.
 */
export const GROUP_QUOTA_ALARM_V1 = 'tencent.im.group.quota.alarm';

export interface GroupQuotaAlarmV1 extends EventBase {
  readonly eventType: typeof GROUP_QUOTA_ALARM_V1;
  readonly quotaUsed: number | null;
  readonly quota: number | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}
