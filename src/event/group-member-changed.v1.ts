import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupMemberChanged` (schemas/group-member-changed/v1.avsc): a
 * member's role or name card changed. Role and name card are null when the callback did not carry them.
 * Key: groupId.
 */
export const GROUP_MEMBER_CHANGED_V1 = 'tencent.im.group.member.changed';

/** The member's new role; UNKNOWN for a value this version does not know (roleRaw has it). */
export type MemberRoleV1 = 'UNKNOWN' | 'ADMIN' | 'MEMBER';

/** Which of Tencent's two names for the member the callback used (UNKNOWN is never written by v1). */
export type MemberAccountFromV1 = 'UNKNOWN' | 'MODIFIED_ACCOUNT' | 'MEMBER_ACCOUNT';

export interface GroupMemberChangedV1 extends EventBase {
  readonly eventType: typeof GROUP_MEMBER_CHANGED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  readonly memberAccount: string;
  readonly memberAccountFrom: MemberAccountFromV1;
  readonly role: MemberRoleV1 | null;
  /** Role exactly as sent. */
  readonly roleRaw: string | null;
  readonly nameCard: string | null;
  readonly operatorAccount: string | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}
