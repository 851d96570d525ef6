import { AfterTopicDestroyed } from '../../callback/group/after-topic-destroyed.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_TOPICS_DESTROYED_V1,
  type GroupTopicsDestroyedV1,
} from '../../event/group-topics-destroyed.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** Topics of a community were deleted: `GroupTopicsDestroyed`, one event for the whole list, keyed by the group. */
export const afterTopicDestroyed = defineCommand({
  command: 'Group.CallbackAfterTopicDestroyed',
  body: AfterTopicDestroyed,
  subject: 'group-topics-destroyed',
  stream: 'group',
  parse: bodyParser(AfterTopicDestroyed),
  toEvent: (body: AfterTopicDestroyed, context): GroupTopicsDestroyedV1 => {
    const topicIds = body.TopicIdList ?? null;
    return {
      ...envelopeOf(GROUP_TOPICS_DESTROYED_V1, [body.GroupId, topicIds], context),
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
