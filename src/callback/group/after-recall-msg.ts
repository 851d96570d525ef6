import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, List, Obj, Str, TopicId, Uint32 } from '../json-schema.js';

/**
 * `Group.CallbackAfterRecallMsg` (callbacks-all reference §3.21, §4): one or more messages of a group were
 * recalled, by a client or the REST API. Required: GroupId and MsgSeqList (what the event cannot exist
 * without: the recall names the messages by their MsgSeq). A REST recall takes at most 10 seqs; accepted up
 * to 100. Items carry MsgId in the newest documentation only.
 */
export const RecalledMsg = Obj({ MsgSeq: Uint32, MsgId: Type.Optional(Str) });
export type RecalledMsg = Static<typeof RecalledMsg>;

export const AfterRecallMsg = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  Operator_Account: Type.Optional(Account),
  MsgSeqList: List(RecalledMsg, 100),
  TopicId: Type.Optional(TopicId),
  EventTime: Type.Optional(EventTime),
});
export type AfterRecallMsg = Static<typeof AfterRecallMsg>;
