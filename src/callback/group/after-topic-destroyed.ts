import { Type, type Static } from '@sinclair/typebox';
import { EventTime, GroupId, List, Obj, Str, TopicId } from '../json-schema.js';

/**
 * `Group.CallbackAfterTopicDestroyed` (callbacks-all reference §3.24): topics of a Community group were
 * deleted. Required: GroupId only. TopicIdList is an array of TopicIds (the documentation mistypes it
 * "String"); a community has at most 200 topics, accepted up to 1,000. No EventTime is documented; one that
 * is sent is kept.
 */
export const AfterTopicDestroyed = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  TopicIdList: Type.Optional(List(TopicId, 1000)),
  EventTime: Type.Optional(EventTime),
});
export type AfterTopicDestroyed = Static<typeof AfterTopicDestroyed>;
