import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupDestroyed` (schemas/group-destroyed/v1.avsc): a group was
 * disbanded, with its members at that time (none listed for a Community). Key: groupId.
 */
export const GROUP_DESTROYED_V1 = 'tencent.im.group.destroyed';

export interface GroupDestroyedV1 extends EventBase {
  readonly eventType: typeof GROUP_DESTROYED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  readonly name: string | null;
  readonly ownerAccount: string | null;
  /** null when the callback had no MemberList, as for every Community group. */
  readonly members: readonly DestroyedGroupMemberV1[] | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}

export interface DestroyedGroupMemberV1 {
  readonly account: string;
  readonly unmodelledJson: string | null;
}
