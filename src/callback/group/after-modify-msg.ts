import { Type, type Static } from '@sinclair/typebox';
import { checkMsgBody, type AfterSendMsgLimits } from '../after-send-msg.js';
import { MsgElement } from '../elements.js';
import { Account, Arr, EventTime, GroupId, Obj, Str, TopicId, Uint32 } from '../json-schema.js';
import { bodyParser } from '../parse-body.js';

/**
 * `Group.CallbackAfterModifyMsg` (callbacks-all reference §3.11, §4): a group message was edited, by a client
 * or the REST API; MsgBody is the new full body. Required: GroupId and MsgSeq, which name the edited message.
 * TopicId is `""` outside topics in the documented example. CloudCustomData is documented for the C2C variant
 * only and modelled here too, since an edit may change it.
 */
export const AfterModifyMsg = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  TopicId: Type.Optional(TopicId),
  MsgSeq: Uint32,
  Operator_Account: Type.Optional(Account),
  MsgBody: Type.Optional(Arr(MsgElement)),
  CloudCustomData: Type.Optional(Str),
  EventTime: Type.Optional(EventTime),
});
export type AfterModifyMsg = Static<typeof AfterModifyMsg>;

const checkBody = bodyParser(AfterModifyMsg);

/** The body, typed, with each element checked as a sent message's are; throws INVALID_CALLBACK otherwise. */
export function parseAfterModifyMsg(
  body: unknown,
  query: { readonly CallbackCommand: string },
  limits: AfterSendMsgLimits,
): AfterModifyMsg {
  const checked = checkBody(body, query);
  if (checked.MsgBody !== undefined) checkMsgBody(checked.MsgBody, '/MsgBody', limits);
  return checked;
}
