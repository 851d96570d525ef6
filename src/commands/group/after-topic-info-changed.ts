import { AfterTopicInfoChanged } from '../../callback/group/after-topic-info-changed.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_TOPIC_INFO_CHANGED_V1,
  type GroupTopicInfoChangedV1,
} from '../../event/group-topic-info-changed.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, occurrenceOf, toEventTime } from '../source.js';

/**
 * A topic's name, introduction, notification or face URL changed: `GroupTopicInfoChanged`, keyed by the
 * group. With neither TopicId nor EventTime (the documented body), two identical changes in one community
 * by one operator share one eventId.
 */
export const afterTopicInfoChanged = defineCommand({
  command: 'Group.CallbackAfterTopicInfoChanged',
  body: AfterTopicInfoChanged,
  subject: 'group-topic-info-changed',
  stream: 'group',
  parse: bodyParser(AfterTopicInfoChanged),
  toEvent: (body: AfterTopicInfoChanged, context): GroupTopicInfoChangedV1 => {
    const topicId = body.TopicId ?? null;
    const operatorAccount = body.Operator_Account ?? null;
    const name = body.Name ?? null;
    const introduction = body.Introduction ?? null;
    const notification = body.Notification ?? null;
    const faceUrl = body.FaceUrl ?? null;
    const eventTime = toEventTime(body.EventTime);
    return {
      ...envelopeOf(
        GROUP_TOPIC_INFO_CHANGED_V1,
        [
          body.GroupId,
          topicId,
          operatorAccount,
          name,
          introduction,
          notification,
          faceUrl,
          occurrenceOf(eventTime, context),
        ],
        context,
      ),
      groupId: body.GroupId,
      topicId,
      groupType: body.Type ?? null,
      operatorAccount,
      name,
      introduction,
      notification,
      faceUrl,
      eventTime,
      unmodelledJson: undocumentedMembersJson(body, AfterTopicInfoChanged),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
