import { Type, type Static } from '@sinclair/typebox';
import { checkMsgBody, GroupAt, type AfterSendMsgLimits } from '../after-send-msg.js';
import { MsgElement } from '../elements.js';
import {
  Account,
  Arr,
  EventTime,
  GroupId,
  List,
  Obj,
  SafeInteger,
  Str,
  TopicId,
  Uint32,
  UnixSeconds,
} from '../json-schema.js';
import { bodyParser } from '../parse-body.js';

/**
 * "At most 30 members can be mentioned at once"; accepted up to 100, for GroupAtInfo as for a sent message,
 * and for AtRobots_Account, the bots among them.
 */
const MAX_MENTIONS = 100;

/**
 * `Bot.OnGroupMessage` (callbacks-all reference §3.30): a group message @-mentioned bot accounts (@all does
 * not trigger it). The fields of Group.CallbackAfterSendMsg plus AtRobots_Account, the bot ids mentioned
 * (e.g. `@RBT#001`). Required: GroupId and MsgSeq, the message's identity in its group.
 */
export const OnGroupMessage = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  From_Account: Type.Optional(Account),
  Operator_Account: Type.Optional(Account),
  Random: Type.Optional(Uint32),
  MsgSeq: Uint32,
  MsgTime: Type.Optional(UnixSeconds),
  MsgBody: Type.Optional(Arr(MsgElement)),
  OnlineOnlyFlag: Type.Optional(SafeInteger),
  CloudCustomData: Type.Optional(Str),
  TopicId: Type.Optional(TopicId),
  EventTime: Type.Optional(EventTime),
  MsgId: Type.Optional(Str),
  GroupAtInfo: Type.Optional(List(GroupAt, MAX_MENTIONS)),
  AtRobots_Account: Type.Optional(List(Account, MAX_MENTIONS)),
});
export type OnGroupMessage = Static<typeof OnGroupMessage>;

const checkBody = bodyParser(OnGroupMessage);

/** The body, typed, with each element checked as a sent message's are; throws INVALID_CALLBACK otherwise. */
export function parseOnGroupMessage(
  body: unknown,
  query: { readonly CallbackCommand: string },
  limits: AfterSendMsgLimits,
): OnGroupMessage {
  const checked = checkBody(body, query);
  if (checked.MsgBody !== undefined) checkMsgBody(checked.MsgBody, '/MsgBody', limits);
  return checked;
}
