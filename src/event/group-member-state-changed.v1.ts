import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupMemberStateChanged`
 * (schemas/group-member-state-changed/v1.avsc): members of an AVChatRoom went online or offline, one event
 * for the whole list. Key: groupId.
 */
export const GROUP_MEMBER_STATE_CHANGED_V1 = 'tencent.im.group.member.state.changed';

/** The members' new state; UNKNOWN for a value this version does not know (stateRaw has it). */
export type MemberStateV1 = 'UNKNOWN' | 'ONLINE' | 'OFFLINE';

/** Why it changed; UNKNOWN for a value this version does not know (causeRaw has it). */
export type MemberStateCauseV1 = 'UNKNOWN' | 'HEARTBEAT_INTERRUPT' | 'HEARTBEAT_RECOVER' | 'JOIN' | 'QUIT';

export interface GroupMemberStateChangedV1 extends EventBase {
  readonly eventType: typeof GROUP_MEMBER_STATE_CHANGED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  readonly state: MemberStateV1 | null;
  readonly stateRaw: string | null;
  readonly cause: MemberStateCauseV1 | null;
  readonly causeRaw: string | null;
  /** Milliseconds; not documented for this callback, so usually null. */
  readonly eventTime: number | null;
  readonly members: readonly StateChangedMemberV1[];
  readonly unmodelledJson: string | null;
}

export interface StateChangedMemberV1 {
  readonly account: string;
  readonly unmodelledJson: string | null;
}
