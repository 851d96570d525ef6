import { OnMemberStateChange } from '../../callback/group/on-member-state-change.js';
import { Member } from '../../callback/json-schema.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_MEMBER_STATE_CHANGED_V1,
  type GroupMemberStateChangedV1,
  type MemberStateCauseV1,
  type MemberStateV1,
} from '../../event/group-member-state-changed.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, occurrenceOf, toEventTime } from '../source.js';

/** Tencent's documented EventType and EventCause values, lower-cased (matched case-insensitively). */
const STATES = new Map<string, MemberStateV1>([
  ['online', 'ONLINE'],
  ['offline', 'OFFLINE'],
]);
const CAUSES = new Map<string, MemberStateCauseV1>([
  ['heartbeatinterrupt', 'HEARTBEAT_INTERRUPT'],
  ['heartbeatrecover', 'HEARTBEAT_RECOVER'],
  ['join', 'JOIN'],
  ['quit', 'QUIT'],
]);

/**
 * AVChatRoom members went online or offline: `GroupMemberStateChanged`, one event for the whole list, keyed
 * by the group. The callback has no documented EventTime and the receipt time would give a redelivery a new
 * id, so without an EventTime two identical changes (same state, cause and members) share one eventId.
 */
export const onMemberStateChange = defineCommand({
  command: 'Group.CallbackOnMemberStateChange',
  body: OnMemberStateChange,
  subject: 'group-member-state-changed',
  stream: 'group',
  parse: bodyParser(OnMemberStateChange),
  toEvent: (body: OnMemberStateChange, context): GroupMemberStateChangedV1 => {
    const eventTime = toEventTime(body.EventTime);
    const stateRaw = body.EventType ?? null;
    const causeRaw = body.EventCause ?? null;
    const accounts = body.MemberList.map((item) => item.Member_Account);
    return {
      ...envelopeOf(
        GROUP_MEMBER_STATE_CHANGED_V1,
        [body.GroupId, occurrenceOf(eventTime, context), stateRaw, causeRaw, accounts],
        context,
      ),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      state: stateRaw === null ? null : (STATES.get(stateRaw.toLowerCase()) ?? 'UNKNOWN'),
      stateRaw,
      cause: causeRaw === null ? null : (CAUSES.get(causeRaw.toLowerCase()) ?? 'UNKNOWN'),
      causeRaw,
      eventTime,
      members: body.MemberList.map((item) => ({
        account: item.Member_Account,
        unmodelledJson: undocumentedMembersJson(item, Member),
      })),
      unmodelledJson: undocumentedMembersJson(body, OnMemberStateChange),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
