import { AfterNewMemberJoin } from '../../callback/group/after-new-member-join.js';
import { Member } from '../../callback/json-schema.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_MEMBERS_JOINED_V1,
  type GroupMembersJoinedV1,
  type JoinTypeV1,
} from '../../event/group-members-joined.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** Tencent's documented JoinType values, lower-cased (matched case-insensitively). */
const JOIN_TYPES = new Map<string, JoinTypeV1>([
  ['apply', 'APPLY'],
  ['invited', 'INVITED'],
]);

/** Members joined a group: `GroupMembersJoined`, one event for the whole list, keyed by the group. */
export const afterNewMemberJoin = defineCommand({
  command: 'Group.CallbackAfterNewMemberJoin',
  body: AfterNewMemberJoin,
  subject: 'group-members-joined',
  stream: 'group',
  parse: bodyParser(AfterNewMemberJoin),
  toEvent: (body: AfterNewMemberJoin, context): GroupMembersJoinedV1 => {
    const eventTime = toEventTime(body.EventTime);
    const joinTypeRaw = body.JoinType ?? null;
    const operatorAccount = body.Operator_Account ?? null;
    const accounts = body.NewMemberList.map((item) => item.Member_Account);
    return {
      ...envelopeOf(
        GROUP_MEMBERS_JOINED_V1,
        [body.GroupId, eventTime, joinTypeRaw, operatorAccount, accounts],
        context,
      ),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      joinType: joinTypeRaw === null ? null : (JOIN_TYPES.get(joinTypeRaw.toLowerCase()) ?? 'UNKNOWN'),
      joinTypeRaw,
      operatorAccount,
      eventTime,
      members: body.NewMemberList.map((item) => ({
        account: item.Member_Account,
        unmodelledJson: undocumentedMembersJson(item, Member),
      })),
      unmodelledJson: undocumentedMembersJson(body, AfterNewMemberJoin),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
