import { parseSendMsgException, SendMsgException } from '../../callback/group/send-msg-exception.js';
import { GROUP_MESSAGE_FAILED_V1, type GroupMessageFailedV1 } from '../../event/group-message-failed.v1.js';
import { toElements, toMentions } from '../../event/to-group-message-event.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';
import { toTopicId, unmodelledMembersJson } from '../topic-id.js';

/** A message failed: `GroupMessageFailed`, the message as it was sent and why it failed. */
export const sendMsgException = defineCommand({
  command: 'Group.CallbackSendMsgException',
  body: SendMsgException,
  subject: 'group-message-failed',
  stream: 'group',
  parse: parseSendMsgException,
  toEvent: (body: SendMsgException, context): GroupMessageFailedV1 => {
    const fromAccount = body.From_Account ?? null;
    const random = body.Random ?? null;
    const eventTime = toEventTime(body.EventTime);
    return {
      ...envelopeOf(GROUP_MESSAGE_FAILED_V1, [body.GroupId, fromAccount, random, eventTime], context),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      topicId: toTopicId(body.TopicId),
      fromAccount,
      operatorAccount: body.Operator_Account ?? null,
      random,
      eventTime,
      onlineOnlyFlag: body.OnlineOnlyFlag ?? null,
      msgId: body.MsgId ?? null,
      cloudCustomData: body.CloudCustomData ?? null,
      mentions: toMentions(body.GroupAtInfo),
      elements: toElements(body.MsgBody),
      errorCode: body.ErrorCode ?? null,
      errorInfo: body.ErrorInfo ?? null,
      unmodelledJson: unmodelledMembersJson(body, SendMsgException),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
