import { AfterTopicDestroyed } from '../../callback/group/after-topic-destroyed.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { eventIdOf } from '../../event/event-id.js';
import {
  GROUP_TOPICS_DESTROYED_V1,
  type GroupTopicsDestroyedV1,
} from '../../event/group-topics-destroyed.v1.js';
import { defineCommand } from '../command.js';
import { toEventTime, toSource } from '../source.js';

/** Topics of a community were deleted: `GroupTopicsDestroyed`, one event for the whole list, keyed by the group. */
export const afterTopicDestroyed = defineCommand({
  command: 'Group.CallbackAfterTopicDestroyed',
  body: AfterTopicDestroyed,
  subject: 'group-topics-destroyed',
  stream: 'group',
  parse: bodyParser(AfterTopicDestroyed),
  toEvent: (body: AfterTopicDestroyed, { query, receivedAt }): GroupTopicsDestroyedV1 => {
    const topicIds = body.TopicIdList ?? null;
    return {
      eventId: eventIdOf(GROUP_TOPICS_DESTROYED_V1, [query.SdkAppid, body.GroupId, topicIds]),
      eventType: GROUP_TOPICS_DESTROYED_V1,
      schemaVersion: 1,
      receivedTime: receivedAt.getTime(),
      source: toSource(query),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      topicIds,
      eventTime: toEventTime(body.EventTime),
      unmodelledJson: undocumentedMembersJson(body, AfterTopicDestroyed),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
