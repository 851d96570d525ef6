import { AfterCreateGroup, UserDefinedData } from '../../callback/group/after-create-group.js';
import { Member } from '../../callback/json-schema.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_CREATED_V1,
  type GroupCreatedV1,
  type GroupUserDefinedDataV1,
} from '../../event/group-created.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** A group was created: `GroupCreated`, keyed by the group. A group is created once, so its id is its id. */
export const afterCreateGroup = defineCommand({
  command: 'Group.CallbackAfterCreateGroup',
  body: AfterCreateGroup,
  subject: 'group-created',
  stream: 'group',
  parse: bodyParser(AfterCreateGroup),
  toEvent: (body: AfterCreateGroup, context): GroupCreatedV1 => ({
    ...envelopeOf(GROUP_CREATED_V1, [body.GroupId, toEventTime(body.EventTime)], context),
    groupId: body.GroupId,
    groupType: body.Type ?? null,
    name: body.Name ?? null,
    operatorAccount: body.Operator_Account ?? null,
    ownerAccount: body.Owner_Account ?? null,
    members:
      body.MemberList?.map((item) => ({
        account: item.Member_Account,
        unmodelledJson: undocumentedMembersJson(item, Member),
      })) ?? null,
    userDefinedData: body.UserDefinedDataList?.map(toUserDefinedData) ?? null,
    eventTime: toEventTime(body.EventTime),
    unmodelledJson: undocumentedMembersJson(body, AfterCreateGroup),
  }),
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});

function toUserDefinedData(item: UserDefinedData): GroupUserDefinedDataV1 {
  return {
    key: item.Key ?? null,
    value: item.Value ?? null,
    unmodelledJson: undocumentedMembersJson(item, UserDefinedData),
  };
}
