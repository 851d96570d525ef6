import { AfterModifyMsg, parseAfterModifyMsg } from '../../callback/group/after-modify-msg.js';
import { eventIdOf } from '../../event/event-id.js';
import {
  GROUP_MESSAGE_MODIFIED_V1,
  type GroupMessageModifiedV1,
} from '../../event/group-message-modified.v1.js';
import { toElements } from '../../event/to-group-message-event.js';
import { defineCommand } from '../command.js';
import { toEventTime, toSource } from '../source.js';
import { toTopicId, unmodelledMembersJson } from '../topic-id.js';

/** A message was edited: `GroupMessageModified`, naming the message and carrying its new body. */
export const afterModifyMsg = defineCommand({
  command: 'Group.CallbackAfterModifyMsg',
  body: AfterModifyMsg,
  subject: 'group-message-modified',
  stream: 'group',
  parse: parseAfterModifyMsg,
  toEvent: (body: AfterModifyMsg, { query, receivedAt }): GroupMessageModifiedV1 => {
    const topicId = toTopicId(body.TopicId);
    const eventTime = toEventTime(body.EventTime);
    return {
      // An edit can happen several times: its time tells them apart.
      eventId: eventIdOf(GROUP_MESSAGE_MODIFIED_V1, [
        query.SdkAppid,
        body.GroupId,
        topicId,
        body.MsgSeq,
        eventTime,
      ]),
      eventType: GROUP_MESSAGE_MODIFIED_V1,
      schemaVersion: 1,
      receivedTime: receivedAt.getTime(),
      source: toSource(query),
      groupId: body.GroupId,
      topicId,
      msgSeq: body.MsgSeq,
      operatorAccount: body.Operator_Account ?? null,
      eventTime,
      cloudCustomData: body.CloudCustomData ?? null,
      elements: body.MsgBody === undefined ? null : toElements(body.MsgBody),
      unmodelledJson: unmodelledMembersJson(body, AfterModifyMsg),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
