import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, List, Member, Obj, Str } from '../json-schema.js';

/**
 * `Group.CallbackAfterMemberExit` (callbacks-all reference §3.16): members quit a group or were kicked, by a
 * client or a REST delete (at most 100 per call). Required: GroupId and ExitMemberList (the event is who
 * left). ExitType is documented as `Kicked` or `Quit`.
 */
export const AfterMemberExit = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  ExitType: Type.Optional(Str),
  Operator_Account: Type.Optional(Account),
  ExitMemberList: List(Member),
  EventTime: Type.Optional(EventTime),
});
export type AfterMemberExit = Static<typeof AfterMemberExit>;
