import { Type, type Static } from '@sinclair/typebox';
import { EventTime, GroupId, List, Obj, SafeInteger, Str, TopicId, Uint32 } from '../json-schema.js';

/**
 * `Group.CallbackAfterGroupMsgExtension` (callbacks-all reference §3.9, §4): extension key-values of a group
 * message were set (OperateType 1), deleted (2) or cleared (3). Required: GroupId and MsgSeq, which name the
 * message. A message holds at most 300 KV; ExtensionList is accepted up to 1,000 items. Tencent documents no
 * TopicId (extensions are not available in Community groups); one that is sent is modelled all the same.
 */
export const ExtensionItem = Obj({
  Key: Type.Optional(Str),
  Value: Type.Optional(Str),
  Seq: Type.Optional(SafeInteger),
});
export type ExtensionItem = Static<typeof ExtensionItem>;

export const AfterGroupMsgExtension = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  TopicId: Type.Optional(TopicId),
  MsgSeq: Uint32,
  OperateType: Type.Optional(SafeInteger),
  ExtensionList: Type.Optional(List(ExtensionItem, 1000)),
  Seq: Type.Optional(SafeInteger),
  EventTime: Type.Optional(EventTime),
});
export type AfterGroupMsgExtension = Static<typeof AfterGroupMsgExtension>;
