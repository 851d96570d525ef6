import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupMembersLeft` (schemas/group-members-left/v1.avsc): members
 * quit a group or were kicked, one event for the whole list. Key: groupId.
 */
export const GROUP_MEMBERS_LEFT_V1 = 'tencent.im.group.members.left';

/** How they left; UNKNOWN for a value this version does not know (exitTypeRaw has it). */
export type ExitTypeV1 = 'UNKNOWN' | 'KICKED' | 'QUIT';

export interface GroupMembersLeftV1 extends EventBase {
  readonly eventType: typeof GROUP_MEMBERS_LEFT_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  /** Null when Tencent did not say; exitTypeRaw is then null too. */
  readonly exitType: ExitTypeV1 | null;
  /** ExitType exactly as sent. */
  readonly exitTypeRaw: string | null;
  /** The kicker, or the member who quit. */
  readonly operatorAccount: string | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly members: readonly LeftMemberV1[];
  readonly unmodelledJson: string | null;
}

export interface LeftMemberV1 {
  readonly account: string;
  readonly unmodelledJson: string | null;
}
