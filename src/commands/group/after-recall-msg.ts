import { AfterRecallMsg, RecalledMsg } from '../../callback/group/after-recall-msg.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_MESSAGE_RECALLED_V1,
  type GroupMessageRecalledV1,
} from '../../event/group-message-recalled.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';
import { toTopicId, unmodelledMembersJson } from '../topic-id.js';

/** Messages were recalled: `GroupMessageRecalled`, one event for the whole list, keyed by the group. */
export const afterRecallMsg = defineCommand({
  command: 'Group.CallbackAfterRecallMsg',
  body: AfterRecallMsg,
  subject: 'group-message-recalled',
  stream: 'group',
  parse: bodyParser(AfterRecallMsg),
  toEvent: (body: AfterRecallMsg, context): GroupMessageRecalledV1 => {
    const topicId = toTopicId(body.TopicId);
    const seqs = body.MsgSeqList.map((item) => item.MsgSeq);
    return {
      ...envelopeOf(GROUP_MESSAGE_RECALLED_V1, [body.GroupId, topicId, seqs], context),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      topicId,
      operatorAccount: body.Operator_Account ?? null,
      eventTime: toEventTime(body.EventTime),
      messages: body.MsgSeqList.map((item) => ({
        msgSeq: item.MsgSeq,
        msgId: item.MsgId ?? null,
        unmodelledJson: undocumentedMembersJson(item, RecalledMsg),
      })),
      unmodelledJson: unmodelledMembersJson(body, AfterRecallMsg),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
