import { Type, type Static } from '@sinclair/typebox';
import { EventTime, GroupId, List, Member, Obj, SafeInteger, Str, TopicId, Uint32 } from '../json-schema.js';

/**
 * `Group.CallbackAfterReadReceipt` (callbacks-all reference §3.27, §4): members sent read receipts for
 * messages of a group (not available in Community groups, so Tencent documents no TopicId; one that is
 * sent is modelled all the same). Required: GroupId, GroupMsgReceiptList and each item's MsgSeq, which name
 * the messages. A receipt's member list is bounded like every member list (10,000); the receipt list, whose
 * size Tencent does not state, is accepted up to 1,000 messages.
 */
export const GroupMsgReceipt = Obj({
  MsgSeq: Uint32,
  ReadNum: Type.Optional(SafeInteger),
  UnreadNum: Type.Optional(SafeInteger),
  ReadReceiptMembers: Type.Optional(List(Member)),
});
export type GroupMsgReceipt = Static<typeof GroupMsgReceipt>;

export const AfterReadReceipt = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  TopicId: Type.Optional(TopicId),
  GroupMsgReceiptList: List(GroupMsgReceipt, 1000),
  EventTime: Type.Optional(EventTime),
});
export type AfterReadReceipt = Static<typeof AfterReadReceipt>;
