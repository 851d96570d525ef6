import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupOwnerChanged` (schemas/group-owner-changed/v1.avsc): a
 * group's ownership was transferred. Key: groupId.
 */
export const GROUP_OWNER_CHANGED_V1 = 'tencent.im.group.owner.changed';

export interface GroupOwnerChangedV1 extends EventBase {
  readonly eventType: typeof GROUP_OWNER_CHANGED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  readonly operatorAccount: string | null;
  readonly oldOwnerAccount: string | null;
  readonly newOwnerAccount: string | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}
