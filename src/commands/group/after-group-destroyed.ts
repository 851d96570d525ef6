import { AfterGroupDestroyed } from '../../callback/group/after-group-destroyed.js';
import { Member } from '../../callback/json-schema.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { GROUP_DESTROYED_V1, type GroupDestroyedV1 } from '../../event/group-destroyed.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** A group was disbanded: `GroupDestroyed`, keyed by the group. A group is destroyed once. */
export const afterGroupDestroyed = defineCommand({
  command: 'Group.CallbackAfterGroupDestroyed',
  body: AfterGroupDestroyed,
  subject: 'group-destroyed',
  stream: 'group',
  parse: bodyParser(AfterGroupDestroyed),
  toEvent: (body: AfterGroupDestroyed, context): GroupDestroyedV1 => ({
    ...envelopeOf(GROUP_DESTROYED_V1, [body.GroupId, toEventTime(body.EventTime)], context),
    groupId: body.GroupId,
    groupType: body.Type ?? null,
    name: body.Name ?? null,
    ownerAccount: body.Owner_Account ?? null,
    members:
      body.MemberList?.map((item) => ({
        account: item.Member_Account,
        unmodelledJson: undocumentedMembersJson(item, Member),
      })) ?? null,
    eventTime: toEventTime(body.EventTime),
    unmodelledJson: undocumentedMembersJson(body, AfterGroupDestroyed),
  }),
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
