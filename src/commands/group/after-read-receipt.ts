import { AfterReadReceipt, GroupMsgReceipt } from '../../callback/group/after-read-receipt.js';
import { Member } from '../../callback/json-schema.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_MESSAGE_READ_V1,
  type GroupMessageReadReceiptV1,
  type MessageReadReceiptV1,
} from '../../event/group-message-read-receipt.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, occurrenceOf, toEventTime } from '../source.js';
import { toTopicId, unmodelledMembersJson } from '../topic-id.js';

/** Read receipts were sent: `GroupMessageReadReceipt`, one event for the whole list, keyed by the group. */
export const afterReadReceipt = defineCommand({
  command: 'Group.CallbackAfterReadReceipt',
  body: AfterReadReceipt,
  subject: 'group-message-read-receipt',
  stream: 'group',
  parse: bodyParser(AfterReadReceipt),
  toEvent: (body: AfterReadReceipt, context): GroupMessageReadReceiptV1 => {
    const eventTime = toEventTime(body.EventTime);
    const topicId = toTopicId(body.TopicId);
    const seqs = body.GroupMsgReceiptList.map((receipt) => receipt.MsgSeq);
    // Who read each message: two members acknowledging the same message at once are two events.
    const readers = body.GroupMsgReceiptList.map((receipt) =>
      JSON.stringify((receipt.ReadReceiptMembers ?? []).map((member) => member.Member_Account)),
    );
    const occurrence = occurrenceOf(eventTime, context);
    return {
      ...envelopeOf(GROUP_MESSAGE_READ_V1, [body.GroupId, topicId, occurrence, seqs, readers], context),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      topicId,
      eventTime,
      receipts: body.GroupMsgReceiptList.map(toReceipt),
      unmodelledJson: unmodelledMembersJson(body, AfterReadReceipt),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});

function toReceipt(receipt: GroupMsgReceipt): MessageReadReceiptV1 {
  const members = receipt.ReadReceiptMembers;
  return {
    msgSeq: receipt.MsgSeq,
    readNum: receipt.ReadNum ?? null,
    unreadNum: receipt.UnreadNum ?? null,
    readMembers: members?.map((member) => member.Member_Account) ?? null,
    readMembersUnmodelledJson: members === undefined ? null : membersUnmodelledJson(members),
    unmodelledJson: undocumentedMembersJson(receipt, GroupMsgReceipt),
  };
}

/** Per member, its members beside Member_Account (or null), as a JSON array; null when no member has any. */
function membersUnmodelledJson(members: NonNullable<GroupMsgReceipt['ReadReceiptMembers']>): string | null {
  const rest = members.map((member) => undocumentedMembersJson(member, Member));
  return rest.every((json) => json === null) ? null : `[${rest.map((json) => json ?? 'null').join(',')}]`;
}
