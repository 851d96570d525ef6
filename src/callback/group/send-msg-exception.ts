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
} from '../json-schema.js';
import { bodyParser } from '../parse-body.js';

/** "At most 30 members can be mentioned at once"; accepted up to 100, as for a sent message. */
const MAX_MENTIONS = 100;

/**
 * `Group.CallbackSendMsgException` (callbacks-all reference §3.23): a group message failed (bad parameter,
 * rate limit, moderation, muted sender). The fields of Group.CallbackAfterSendMsg without MsgSeq and MsgTime
 * (a failed message gets no seq), plus ErrorCode and ErrorInfo: the message's failure, not a reply status.
 * Required: GroupId only; Tencent's dedup key is GroupId + From_Account + Random.
 */
export const SendMsgException = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  From_Account: Type.Optional(Account),
  Operator_Account: Type.Optional(Account),
  Random: Type.Optional(Uint32),
  MsgBody: Type.Optional(Arr(MsgElement)),
  OnlineOnlyFlag: Type.Optional(SafeInteger),
  CloudCustomData: Type.Optional(Str),
  TopicId: Type.Optional(TopicId),
  EventTime: Type.Optional(EventTime),
  MsgId: Type.Optional(Str),
  GroupAtInfo: Type.Optional(List(GroupAt, MAX_MENTIONS)),
  ErrorCode: Type.Optional(SafeInteger),
  ErrorInfo: Type.Optional(Str),
});
export type SendMsgException = Static<typeof SendMsgException>;

const checkBody = bodyParser(SendMsgException);

/** The body, typed, with each element checked as a sent message's are; throws INVALID_CALLBACK otherwise. */
export function parseSendMsgException(
  body: unknown,
  query: { readonly CallbackCommand: string },
  limits: AfterSendMsgLimits,
): SendMsgException {
  const checked = checkBody(body, query);
  if (checked.MsgBody !== undefined) checkMsgBody(checked.MsgBody, '/MsgBody', limits);
  return checked;
}
