import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, List, Obj, Str } from '../json-schema.js';

/** An item of GroupAttr: one custom group attribute, with lower-case `key` and `value` as documented. */
export const GroupAttr = Obj({ key: Type.Optional(Str), value: Type.Optional(Str) });
export type GroupAttr = Static<typeof GroupAttr>;

/**
 * `Group.CallbackAfterGroupAttrChanged` (callbacks-all reference §3.26): custom group attributes were set
 * (all reset), modified, cleared or deleted. Required: GroupId only. OptionType (`set`, `modify`, `clear`,
 * `delete`) is in the example but missing from the documented table. The reference documents no count of
 * attributes; GroupAttr is accepted up to 1,000 items.
 */
export const AfterGroupAttrChanged = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  Operator_Account: Type.Optional(Account),
  OptionType: Type.Optional(Str),
  GroupAttr: Type.Optional(List(GroupAttr, 1000)),
  EventTime: Type.Optional(EventTime),
});
export type AfterGroupAttrChanged = Static<typeof AfterGroupAttrChanged>;
