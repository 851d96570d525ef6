import { OnGroupMessage, parseOnGroupMessage } from '../../callback/bot/on-group-message.js';
import { GROUP_BOT_MESSAGE_V1, type GroupBotMessageV1 } from '../../event/group-bot-message.v1.js';
import { toElements, toMentions } from '../../event/to-group-message-event.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';
import { toTopicId, unmodelledMembersJson } from '../topic-id.js';

/** A message @-mentioned bots: `GroupBotMessage`, the message and the bots it mentioned. */
export const onGroupMessage = defineCommand({
  command: 'Bot.OnGroupMessage',
  body: OnGroupMessage,
  subject: 'group-bot-message',
  stream: 'group',
  parse: parseOnGroupMessage,
  toEvent: (body: OnGroupMessage, context): GroupBotMessageV1 => {
    const topicId = toTopicId(body.TopicId);
    return {
      ...envelopeOf(GROUP_BOT_MESSAGE_V1, [body.GroupId, topicId, body.MsgSeq], context),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      topicId,
      fromAccount: body.From_Account ?? null,
      operatorAccount: body.Operator_Account ?? null,
      msgSeq: body.MsgSeq,
      random: body.Random ?? null,
      msgTime: body.MsgTime === undefined ? null : body.MsgTime * 1000,
      eventTime: toEventTime(body.EventTime),
      onlineOnlyFlag: body.OnlineOnlyFlag ?? null,
      msgId: body.MsgId ?? null,
      cloudCustomData: body.CloudCustomData ?? null,
      mentions: toMentions(body.GroupAtInfo),
      elements: toElements(body.MsgBody),
      atRobotsAccounts: body.AtRobots_Account ?? null,
      unmodelledJson: unmodelledMembersJson(body, OnGroupMessage),
    };
  },
  key: (event) => event.groupId,
  // When the message was sent; when Tencent did not say, when the callback fired.
  occurredAt: (event) => event.msgTime ?? event.eventTime,
});
