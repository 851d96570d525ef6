import { Type, type Static } from '@sinclair/typebox';
import { EventTime, GroupId, Obj, Str } from '../json-schema.js';

/**
 * `Group.CallbackAfterGroupFull` (callbacks-all reference §3.18): a group became full after a join, or a
 * join failed because it is full, so it can repeat. Required: GroupId only. No Type is documented.
 */
export const AfterGroupFull = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  EventTime: Type.Optional(EventTime),
});
export type AfterGroupFull = Static<typeof AfterGroupFull>;
