import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, List, Member, Obj, Str } from '../json-schema.js';

/**
 * `Group.CallbackAfterNewMemberJoin` (callbacks-all reference §3.15): members joined a group, by an approved
 * application, an invitation or a REST add (at most 300 per call). Required: GroupId and NewMemberList (the
 * event is who joined). JoinType is documented as `Apply` or `Invited`; what a REST add sends is not stated.
 */
export const AfterNewMemberJoin = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  JoinType: Type.Optional(Str),
  Operator_Account: Type.Optional(Account),
  NewMemberList: List(Member),
  EventTime: Type.Optional(EventTime),
});
export type AfterNewMemberJoin = Static<typeof AfterNewMemberJoin>;
