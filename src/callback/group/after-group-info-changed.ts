import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, Obj, Str } from '../json-schema.js';

/**
 * `Group.CallbackAfterGroupInfoChanged` (callbacks-all reference §3.20): a group's name, introduction,
 * notification or face URL changed (nothing else triggers it). Only the changed ones are sent. Required:
 * GroupId only.
 */
export const AfterGroupInfoChanged = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  Operator_Account: Type.Optional(Account),
  Name: Type.Optional(Str),
  Introduction: Type.Optional(Str),
  Notification: Type.Optional(Str),
  FaceUrl: Type.Optional(Str),
  EventTime: Type.Optional(EventTime),
});
export type AfterGroupInfoChanged = Static<typeof AfterGroupInfoChanged>;
