import { Type, type Static } from '@sinclair/typebox';
import { EventTime, GroupId, List, Member, Obj, Str } from '../json-schema.js';

/**
 * `Group.CallbackOnMemberStateChange` (callbacks-all reference §3.22): members of an AVChatRoom went offline
 * (no heartbeat for 30 s, or their last device quit) or online. Required: GroupId and MemberList (the event
 * is whose state changed). EventType is `Online` or `Offline`; EventCause (Chinese documentation only) is
 * HeartbeatInterrupt, HeartbeatRecover, Join or Quit. Type and EventTime are not documented (the Java SDK
 * models Type) and are kept when sent. An AVChatRoom has no member limit: lists are accepted up to 10,000.
 */
export const OnMemberStateChange = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  EventType: Type.Optional(Str),
  EventCause: Type.Optional(Str),
  MemberList: List(Member),
  EventTime: Type.Optional(EventTime),
});
export type OnMemberStateChange = Static<typeof OnMemberStateChange>;
