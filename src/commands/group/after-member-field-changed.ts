import {
  AfterMemberFieldChanged,
  DocumentedWhenBothNames,
  parseAfterMemberFieldChanged,
  type MemberFieldChanged,
} from '../../callback/group/after-member-field-changed.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_MEMBER_CHANGED_V1,
  type GroupMemberChangedV1,
  type MemberRoleV1,
} from '../../event/group-member-changed.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** Tencent's documented Role values, lower-cased (matched case-insensitively). */
const ROLES = new Map<string, MemberRoleV1>([
  ['admin', 'ADMIN'],
  ['member', 'MEMBER'],
]);

/**
 * A member's role or name card changed: `GroupMemberChanged`, keyed by the group. The member is
 * Modified_Account when the body has it, else Member_Account; a body with both keeps Member_Account in
 * unmodelledJson, so the event is still the whole callback.
 */
export const afterMemberFieldChanged = defineCommand({
  command: 'Group.CallbackAfterMemberFieldChanged',
  body: AfterMemberFieldChanged,
  subject: 'group-member-changed',
  stream: 'group',
  parse: parseAfterMemberFieldChanged,
  toEvent: (body: MemberFieldChanged, context): GroupMemberChangedV1 => {
    const eventTime = toEventTime(body.EventTime);
    const byModified = body.Modified_Account !== undefined;
    const memberAccount = byModified ? body.Modified_Account : body.Member_Account;
    const roleRaw = body.Role ?? null;
    const nameCard = body.NameCard ?? null;
    const operatorAccount = body.Operator_Account ?? null;
    const bothNames = byModified && body.Member_Account !== undefined;
    return {
      ...envelopeOf(
        GROUP_MEMBER_CHANGED_V1,
        [body.GroupId, eventTime, memberAccount, roleRaw, nameCard, operatorAccount],
        context,
      ),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      memberAccount,
      memberAccountFrom: byModified ? 'MODIFIED_ACCOUNT' : 'MEMBER_ACCOUNT',
      role: roleRaw === null ? null : (ROLES.get(roleRaw.toLowerCase()) ?? 'UNKNOWN'),
      roleRaw,
      nameCard,
      operatorAccount,
      eventTime,
      unmodelledJson: undocumentedMembersJson(
        body,
        bothNames ? DocumentedWhenBothNames : AfterMemberFieldChanged,
      ),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
