import { AfterCreateTopic } from '../../callback/group/after-create-topic.js';
import { UserDefinedData } from '../../callback/group/after-create-group.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { GROUP_TOPIC_CREATED_V1, type GroupTopicCreatedV1 } from '../../event/group-topic-created.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** A topic was created in a community: `GroupTopicCreated`, keyed by the group. A topic is created once. */
export const afterCreateTopic = defineCommand({
  command: 'Group.CallbackAfterCreateTopic',
  body: AfterCreateTopic,
  subject: 'group-topic-created',
  stream: 'group',
  parse: bodyParser(AfterCreateTopic),
  toEvent: (body: AfterCreateTopic, context): GroupTopicCreatedV1 => ({
    ...envelopeOf(GROUP_TOPIC_CREATED_V1, [body.GroupId, body.TopicId, toEventTime(body.EventTime)], context),
    groupId: body.GroupId,
    topicId: body.TopicId,
    groupType: body.Type ?? null,
    name: body.Name ?? null,
    operatorAccount: body.Operator_Account ?? null,
    ownerAccount: body.Owner_Account ?? null,
    userDefinedData:
      body.UserDefinedDataList?.map((item) => ({
        key: item.Key ?? null,
        value: item.Value ?? null,
        unmodelledJson: undocumentedMembersJson(item, UserDefinedData),
      })) ?? null,
    eventTime: toEventTime(body.EventTime),
    unmodelledJson: undocumentedMembersJson(body, AfterCreateTopic),
  }),
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
