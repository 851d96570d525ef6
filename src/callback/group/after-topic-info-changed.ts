import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, Obj, Str, TopicId } from '../json-schema.js';

/**
 * `Group.CallbackAfterTopicInfoChanged` (callbacks-all reference §3.24, §6): a topic's name, introduction,
 * notification or face URL changed; only the changed ones are sent. Required: GroupId only. No version of
 * the documentation has a TopicId, so which topic changed is a documentation gap: a TopicId that is sent is
 * modelled all the same. No EventTime is documented; one that is sent is kept.
 */
export const AfterTopicInfoChanged = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  TopicId: Type.Optional(TopicId),
  Type: Type.Optional(Str),
  Operator_Account: Type.Optional(Account),
  Name: Type.Optional(Str),
  Introduction: Type.Optional(Str),
  Notification: Type.Optional(Str),
  FaceUrl: Type.Optional(Str),
  EventTime: Type.Optional(EventTime),
});
export type AfterTopicInfoChanged = Static<typeof AfterTopicInfoChanged>;
