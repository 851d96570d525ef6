import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, List, Member, Obj, Str } from '../json-schema.js';

/**
 * `Group.CallbackAfterGroupDestroyed` (callbacks-all reference §3.19): a group was disbanded. Required:
 * GroupId only. MemberList lists every member at disband time (6,000 in the largest groups; accepted up to
 * 10,000) and is omitted for Community groups. There is no operator field.
 */
export const AfterGroupDestroyed = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  Name: Type.Optional(Str),
  Owner_Account: Type.Optional(Account),
  MemberList: Type.Optional(List(Member)),
  EventTime: Type.Optional(EventTime),
});
export type AfterGroupDestroyed = Static<typeof AfterGroupDestroyed>;
