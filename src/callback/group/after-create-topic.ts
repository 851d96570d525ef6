import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, List, Obj, Str, TopicId } from '../json-schema.js';
import { MAX_USER_DEFINED_DATA, UserDefinedData } from './after-create-group.js';

/**
 * `Group.CallbackAfterCreateTopic` (callbacks-all reference §3.24): a topic was created in a Community
 * group. Required: GroupId and TopicId (the event is the topic). No EventTime is documented; one that is
 * sent is kept.
 */
export const AfterCreateTopic = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  TopicId,
  Operator_Account: Type.Optional(Account),
  Owner_Account: Type.Optional(Account),
  Type: Type.Optional(Str),
  Name: Type.Optional(Str),
  UserDefinedDataList: Type.Optional(List(UserDefinedData, MAX_USER_DEFINED_DATA)),
  EventTime: Type.Optional(EventTime),
});
export type AfterCreateTopic = Static<typeof AfterCreateTopic>;
