import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupMembersJoined` (schemas/group-members-joined/v1.avsc):
 * members joined a group, one event for the whole list. Key: groupId.
 */
export const GROUP_MEMBERS_JOINED_V1 = 'tencent.im.group.members.joined';

/** How they joined; UNKNOWN for a value this version does not know (joinTypeRaw has it). */
export type JoinTypeV1 = 'UNKNOWN' | 'APPLY' | 'INVITED';

export interface GroupMembersJoinedV1 extends EventBase {
  readonly eventType: typeof GROUP_MEMBERS_JOINED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  /** Null when Tencent did not say; joinTypeRaw is then null too. */
  readonly joinType: JoinTypeV1 | null;
  /** JoinType exactly as sent. */
  readonly joinTypeRaw: string | null;
  readonly operatorAccount: string | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly members: readonly JoinedMemberV1[];
  readonly unmodelledJson: string | null;
}

export interface JoinedMemberV1 {
  readonly account: string;
  readonly unmodelledJson: string | null;
}
