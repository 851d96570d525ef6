import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, List, Obj, Str, Uint32 } from '../json-schema.js';

/**
 * `C2C.CallbackAfterMsgReadAll` (callbacks-all reference §3.12, 2026): a user cleared all their unread
 * messages. Required: Report_Account, whose action it is. GroupReadInfo lists the groups cleared with the
 * MsgSeq the request passed; only group fields are documented, though the page speaks of C2C too. A user is
 * in at most a few thousand groups; the list is accepted up to the member-list bound.
 */
export const GroupRead = Obj({ GroupId: Type.Optional(GroupId), MsgSeq: Type.Optional(Uint32) });
export type GroupRead = Static<typeof GroupRead>;

export const AfterMsgReadAll = Obj({
  CallbackCommand: Type.Optional(Str),
  Report_Account: Account,
  EventTime: Type.Optional(EventTime),
  GroupReadInfo: Type.Optional(List(GroupRead)),
});
export type AfterMsgReadAll = Static<typeof AfterMsgReadAll>;
