import { Type, type Static } from '@sinclair/typebox';
import { AfterSendMsg, checkMsgBody, type AfterSendMsgLimits } from '../after-send-msg.js';
import { Account, List, Obj } from '../json-schema.js';
import { bodyParser } from '../parse-body.js';

/** "At most 30 members can be mentioned at once"; accepted up to 100 bots, as for GroupAtInfo. */
const MAX_MENTIONS = 100;

/**
 * `Bot.OnGroupMessage` (callbacks-all reference §3.30): a group message @-mentioned bot accounts (@all does
 * not trigger it). The fields of Group.CallbackAfterSendMsg plus AtRobots_Account, the bot ids mentioned
 * (e.g. `@RBT#001`). Required: GroupId and MsgSeq, the message's identity in its group.
 */
export const OnGroupMessage = Obj({
  ...AfterSendMsg.properties,
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
