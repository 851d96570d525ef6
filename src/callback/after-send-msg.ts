/**
 * The body of Tencent's `Group.CallbackAfterSendMsg` (shared/reference/tencent-im-callback.md §2), and the
 * message-body check (`checkMsgBody`) every callback that carries a MsgBody passes.
 *
 * Decisions:
 * - Required: only what the event cannot exist without. GroupId (a non-empty string: it is the Kafka key and
 *   part of the event id) and MsgSeq (the message's identity in its group). Tencent documents no required
 *   column, so every other field may be absent; MsgBody absent reads as no elements.
 * - Liberal in shape, strict in type: unknown top-level members, unknown MsgContent members, unknown MsgType
 *   (with any MsgContent) and any group `Type` string are accepted and carried into the event. A documented
 *   field that is present must have its documented JSON type (null is not a string).
 * - Numbers: MsgSeq, Random and relay MsgSeq/MsgRandom are 32-bit unsigned; EventTime is an integer or a
 *   string of at most 15 digits (both within what avsc writes as a long); MsgTime fits in milliseconds.
 * - Bounds (json-schema.ts): GroupId, the accounts and TopicId by Tencent's documented lengths with margin,
 *   GroupAtInfo by its documented 30 mentions with margin.
 * - Relays nest up to `maxRelayDepth` (Tencent's clients stop at 100); deeper is refused, which also bounds
 *   the recursion of this check. The walk is ours, not a recursive TypeBox schema, so errors name the exact
 *   path and each level is checked once.
 * - Member names are looked up in Sets and schemas, never on plain objects, so own `__proto__` or
 *   `constructor` members (JSON.parse makes them) are ordinary unknown members.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ELEMENT_CONTENTS, MsgElement, type RelayContent } from './elements.js';
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
} from './json-schema.js';
import { bodyParser, invalidCallback } from './parse-body.js';
import { checkerOf, firstError } from './schema-check.js';

export const AFTER_SEND_MSG = 'Group.CallbackAfterSendMsg';

/** GroupAtInfo item: GroupAtAllFlag 1 mentions everyone, 0 the member in GroupAt_Account. */
export const GroupAt = Obj({
  GroupAtAllFlag: Type.Union([Type.Literal(0), Type.Literal(1)], { description: '0 or 1' }),
  GroupAt_Account: Type.Optional(Account),
});
export type GroupAt = Static<typeof GroupAt>;

/** "At most 30 members can be mentioned at once"; accepted up to 100. */
const MAX_MENTIONS = 100;

export const AfterSendMsg = Type.Object(
  {
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
  },
  { description: 'a JSON object (the callback body)' },
);
export type AfterSendMsg = Static<typeof AfterSendMsg>;

export interface AfterSendMsgLimits {
  /** Deepest TIMRelayElem nesting accepted: 1 allows a relay but no relay inside it. */
  readonly maxRelayDepth: number;
}

const checkBody = bodyParser(AfterSendMsg);
const contentCheckers = new Map(
  Object.entries(ELEMENT_CONTENTS).map(([type, schema]) => [type, checkerOf(schema)]),
);

/**
 * Checks a parsed JSON body and returns it, typed, unchanged (unknown members included). Throws
 * BridgeError INVALID_CALLBACK whose `path` is the first failing JSON pointer and whose message says what
 * was expected there (the reply renders "INVALID_CALLBACK at /MsgSeq: expected an integer from 0 to
 * 4294967295"); the body's CallbackCommand, when present, must be the query's.
 */
export function parseAfterSendMsg(
  body: unknown,
  query: { readonly CallbackCommand: string },
  limits: AfterSendMsgLimits,
): AfterSendMsg {
  const checked = checkBody(body, query);
  if (checked.MsgBody !== undefined) checkMsgBody(checked.MsgBody, '/MsgBody', limits);
  return checked;
}

/**
 * Checks each element of a validated MsgBody against its MsgType's content schema, and relays to at most
 * `limits.maxRelayDepth` levels. Every callback that carries a message body (sent, edited, failed, to a bot)
 * checks it with this one function.
 */
export function checkMsgBody(
  elements: readonly MsgElement[],
  path: string,
  limits: AfterSendMsgLimits,
): void {
  checkElements(elements, path, 0, limits.maxRelayDepth);
}

function checkElements(elements: readonly MsgElement[], path: string, depth: number, maxDepth: number): void {
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index] as MsgElement;
    const checker = contentCheckers.get(element.MsgType);
    if (checker === undefined) continue;
    const at = `${path}/${index}`;
    if (!checker.Check(element.MsgContent))
      throw invalidCallback(firstError(checker, element.MsgContent, `${at}/MsgContent`));
    if (element.MsgType === 'TIMRelayElem') {
      if (depth >= maxDepth)
        throw invalidCallback({
          path: at,
          expected: `merged-forward messages nested at most ${maxDepth} deep`,
        });
      checkRelay(element.MsgContent as RelayContent, `${at}/MsgContent`, depth + 1, maxDepth);
    }
  }
}

function checkRelay(content: RelayContent, path: string, depth: number, maxDepth: number): void {
  const messages = content.MsgList ?? [];
  for (let index = 0; index < messages.length; index++) {
    const body = messages[index]?.MsgBody;
    if (body !== undefined) checkElements(body, `${path}/MsgList/${index}/MsgBody`, depth, maxDepth);
  }
}
