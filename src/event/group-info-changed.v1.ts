import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupInfoChanged` (schemas/group-info-changed/v1.avsc): a
 * group's name, introduction, notification or face URL changed. Each is null when it did not change. Key:
 * groupId.
 */
export const GROUP_INFO_CHANGED_V1 = 'tencent.im.group.info.changed';

export interface GroupInfoChangedV1 extends EventBase {
  readonly eventType: typeof GROUP_INFO_CHANGED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  readonly operatorAccount: string | null;
  readonly name: string | null;
  readonly introduction: string | null;
  readonly notification: string | null;
  readonly faceUrl: string | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}
