import { AfterMemberExit } from '../../callback/group/after-member-exit.js';
import { Member } from '../../callback/json-schema.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_MEMBERS_LEFT_V1,
  type ExitTypeV1,
  type GroupMembersLeftV1,
} from '../../event/group-members-left.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** Tencent's documented ExitType values, lower-cased (matched case-insensitively). */
const EXIT_TYPES = new Map<string, ExitTypeV1>([
  ['kicked', 'KICKED'],
  ['quit', 'QUIT'],
]);

/** Members left a group: `GroupMembersLeft`, one event for the whole list, keyed by the group. */
export const afterMemberExit = defineCommand({
  command: 'Group.CallbackAfterMemberExit',
  body: AfterMemberExit,
  subject: 'group-members-left',
  stream: 'group',
  parse: bodyParser(AfterMemberExit),
  toEvent: (body: AfterMemberExit, context): GroupMembersLeftV1 => {
    const eventTime = toEventTime(body.EventTime);
    const exitTypeRaw = body.ExitType ?? null;
    const operatorAccount = body.Operator_Account ?? null;
    const accounts = body.ExitMemberList.map((item) => item.Member_Account);
    return {
      ...envelopeOf(
        GROUP_MEMBERS_LEFT_V1,
        [body.GroupId, eventTime, exitTypeRaw, operatorAccount, accounts],
        context,
      ),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      exitType: exitTypeRaw === null ? null : (EXIT_TYPES.get(exitTypeRaw.toLowerCase()) ?? 'UNKNOWN'),
      exitTypeRaw,
      operatorAccount,
      eventTime,
      members: body.ExitMemberList.map((item) => ({
        account: item.Member_Account,
        unmodelledJson: undocumentedMembersJson(item, Member),
      })),
      unmodelledJson: undocumentedMembersJson(body, AfterMemberExit),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
