import { AfterModifyMsg, parseAfterModifyMsg } from '../../callback/group/after-modify-msg.js';
import {
  GROUP_MESSAGE_MODIFIED_V1,
  type GroupMessageModifiedV1,
} from '../../event/group-message-modified.v1.js';
import { toElements } from '../../event/to-group-message-event.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';
import { toTopicId, unmodelledMembersJson } from '../topic-id.js';

/** A message was edited: `GroupMessageModified`, naming the message and carrying its new body. */
export const afterModifyMsg = defineCommand({
  command: 'Group.CallbackAfterModifyMsg',
  body: AfterModifyMsg,
  subject: 'group-message-modified',
  stream: 'group',
  parse: parseAfterModifyMsg,
  toEvent: (body: AfterModifyMsg, context): GroupMessageModifiedV1 => {
    const topicId = toTopicId(body.TopicId);
    const eventTime = toEventTime(body.EventTime);
    return {
      // An edit can happen several times: its time tells them apart.
      ...envelopeOf(GROUP_MESSAGE_MODIFIED_V1, [body.GroupId, topicId, body.MsgSeq, eventTime], context),
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
