import { AFTER_SEND_MSG, AfterSendMsg, parseAfterSendMsg } from '../../callback/after-send-msg.js';
import { toGroupMessageEvent } from '../../event/to-group-message-event.js';
import { defineCommand } from '../command.js';

/** A message was sent in a group: `GroupMessageSent`, the stream's main event. */
export const afterSendMsg = defineCommand({
  command: AFTER_SEND_MSG,
  body: AfterSendMsg,
  subject: 'group-message',
  stream: 'group',
  parse: parseAfterSendMsg,
  toEvent: (body, { query, receivedAt }) => toGroupMessageEvent(body, query, receivedAt),
  key: (event) => event.message.groupId,
  occurredAt: (event) => event.message.msgTime,
});
