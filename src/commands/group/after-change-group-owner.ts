import { AfterChangeGroupOwner } from '../../callback/group/after-change-group-owner.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { GROUP_OWNER_CHANGED_V1, type GroupOwnerChangedV1 } from '../../event/group-owner-changed.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** A group's ownership was transferred: `GroupOwnerChanged`, keyed by the group. */
export const afterChangeGroupOwner = defineCommand({
  command: 'Group.CallbackAfterChangeGroupOwner',
  body: AfterChangeGroupOwner,
  subject: 'group-owner-changed',
  stream: 'group',
  parse: bodyParser(AfterChangeGroupOwner),
  toEvent: (body: AfterChangeGroupOwner, context): GroupOwnerChangedV1 => {
    const eventTime = toEventTime(body.EventTime);
    const operatorAccount = body.Operator_Account ?? null;
    const oldOwnerAccount = body.OldOwner_Account ?? null;
    const newOwnerAccount = body.NewOwner_Account ?? null;
    return {
      ...envelopeOf(
        GROUP_OWNER_CHANGED_V1,
        [body.GroupId, eventTime, operatorAccount, oldOwnerAccount, newOwnerAccount],
        context,
      ),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      operatorAccount,
      oldOwnerAccount,
      newOwnerAccount,
      eventTime,
      unmodelledJson: undocumentedMembersJson(body, AfterChangeGroupOwner),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
