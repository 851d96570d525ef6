import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, Obj, Str } from '../json-schema.js';

/**
 * `Group.CallbackAfterChangeGroupOwner` (callbacks-all reference §3.28): a group's ownership was
 * transferred. Required: GroupId only; everything else is optional, as no callback body field is marked
 * required by Tencent.
 */
export const AfterChangeGroupOwner = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  Operator_Account: Type.Optional(Account),
  OldOwner_Account: Type.Optional(Account),
  NewOwner_Account: Type.Optional(Account),
  EventTime: Type.Optional(EventTime),
});
export type AfterChangeGroupOwner = Static<typeof AfterChangeGroupOwner>;
