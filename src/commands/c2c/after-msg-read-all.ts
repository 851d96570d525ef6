import { AfterMsgReadAll, GroupRead } from '../../callback/c2c/after-msg-read-all.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { CONVERSATIONS_READ_V1, type ConversationsReadV1 } from '../../event/conversations-read.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, occurrenceOf, toEventTime } from '../source.js';

/** A user cleared all unread: `ConversationsRead`, on the app stream, keyed by the user. */
export const afterMsgReadAll = defineCommand({
  command: 'C2C.CallbackAfterMsgReadAll',
  body: AfterMsgReadAll,
  subject: 'conversations-read',
  stream: 'app',
  parse: bodyParser(AfterMsgReadAll),
  toEvent: (body: AfterMsgReadAll, context): ConversationsReadV1 => {
    const eventTime = toEventTime(body.EventTime);
    return {
      ...envelopeOf(CONVERSATIONS_READ_V1, [body.Report_Account, occurrenceOf(eventTime, context)], context),
      reportAccount: body.Report_Account,
      eventTime,
      groups:
        body.GroupReadInfo?.map((item) => ({
          groupId: item.GroupId ?? null,
          msgSeq: item.MsgSeq ?? null,
          unmodelledJson: undocumentedMembersJson(item, GroupRead),
        })) ?? null,
      unmodelledJson: undocumentedMembersJson(body, AfterMsgReadAll),
    };
  },
  key: (event) => event.reportAccount,
  occurredAt: (event) => event.eventTime,
});
