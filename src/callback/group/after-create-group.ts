import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, List, Member, Obj, Str } from '../json-schema.js';

/**
 * An item of UserDefinedDataList: one custom group (or topic) field, sent only when the app enabled custom
 * fields. Shared with Group.CallbackAfterCreateTopic, whose list has the same shape.
 */
export const UserDefinedData = Obj({ Key: Type.Optional(Str), Value: Type.Optional(Str) });
export type UserDefinedData = Static<typeof UserDefinedData>;

/**
 * Custom fields are few (the reference documents no count); the list is accepted up to 1,000 items, so a
 * body still cannot carry an unbounded one.
 */
export const MAX_USER_DEFINED_DATA = 1000;

/**
 * `Group.CallbackAfterCreateGroup` (callbacks-all reference §3.14): a group was created. Required: GroupId
 * only (what the event is about). MemberList holds the initial members (at most 100 on a REST create);
 * accepted up to 10,000 like every member list.
 */
export const AfterCreateGroup = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Operator_Account: Type.Optional(Account),
  Owner_Account: Type.Optional(Account),
  Type: Type.Optional(Str),
  Name: Type.Optional(Str),
  MemberList: Type.Optional(List(Member)),
  UserDefinedDataList: Type.Optional(List(UserDefinedData, MAX_USER_DEFINED_DATA)),
  EventTime: Type.Optional(EventTime),
});
export type AfterCreateGroup = Static<typeof AfterCreateGroup>;
