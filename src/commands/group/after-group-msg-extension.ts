import { AfterGroupMsgExtension, ExtensionItem } from '../../callback/group/after-group-msg-extension.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_MESSAGE_EXTENSION_CHANGED_V1,
  type ExtensionOperationV1,
  type GroupMessageExtensionChangedV1,
  type MessageExtensionV1,
} from '../../event/group-message-extension-changed.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, occurrenceOf, toEventTime } from '../source.js';
import { toTopicId, unmodelledMembersJson } from '../topic-id.js';

/** Tencent's OperateType values; any other is UNKNOWN. */
const OPERATIONS: ReadonlyMap<number, ExtensionOperationV1> = new Map([
  [1, 'SET'],
  [2, 'DELETE'],
  [3, 'CLEAR'],
]);

/** Extensions of a message changed: `GroupMessageExtensionChanged`, naming the message and the KVs. */
export const afterGroupMsgExtension = defineCommand({
  command: 'Group.CallbackAfterGroupMsgExtension',
  body: AfterGroupMsgExtension,
  subject: 'group-message-extension-changed',
  stream: 'group',
  parse: bodyParser(AfterGroupMsgExtension),
  toEvent: (body: AfterGroupMsgExtension, context): GroupMessageExtensionChangedV1 => {
    const seq = body.Seq ?? null;
    const topicId = toTopicId(body.TopicId);
    const eventTime = toEventTime(body.EventTime);
    return {
      ...envelopeOf(
        GROUP_MESSAGE_EXTENSION_CHANGED_V1,
        [body.GroupId, topicId, body.MsgSeq, seq, occurrenceOf(eventTime, context)],
        context,
      ),
      groupId: body.GroupId,
      topicId,
      msgSeq: body.MsgSeq,
      operateType: body.OperateType === undefined ? null : (OPERATIONS.get(body.OperateType) ?? 'UNKNOWN'),
      operateTypeNumber: body.OperateType ?? null,
      extensions: body.ExtensionList?.map(toExtension) ?? null,
      seq,
      eventTime,
      unmodelledJson: unmodelledMembersJson(body, AfterGroupMsgExtension),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});

function toExtension(item: ExtensionItem): MessageExtensionV1 {
  return {
    key: item.Key ?? null,
    value: item.Value ?? null,
    seq: item.Seq ?? null,
    unmodelledJson: undocumentedMembersJson(item, ExtensionItem),
  };
}
