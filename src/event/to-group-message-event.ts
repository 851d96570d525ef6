import { AfterSendMsg, GroupAt } from '../callback/after-send-msg.js';
import { asKnownElement, MsgElement, RelayContent, RelayMsg } from '../callback/elements.js';
import type { CallbackQuery } from '../callback/query.js';
import { undocumentedMembersJson } from '../callback/undocumented-members.js';
import { toLeafElement, type BuildElement, type ElementContent } from './element-contents.js';
import { groupMessageEventId } from './event-id.js';
import {
  GROUP_MESSAGE_SENT_V1,
  type ElementKindV1,
  type ElementV1,
  type ForwardedElementV1,
  type ForwardedMessageV1,
  type GroupMessageSentV1,
  type GroupMessageV1,
  type MentionV1,
  type RelayContentV1,
} from './group-message.v1.js';

/**
 * The one place Tencent's names meet ours: a validated callback becomes a v1 event. Total over what
 * parseAfterSendMsg accepted (a throw here is a bug) and lossless: what the v1 schema does not model goes
 * into the `unmodelledJson` next to it (an element's MsgContent into its `contentJson`). `receivedAt` is the
 * bridge's clock, passed in.
 */
export function toGroupMessageEvent(
  callback: AfterSendMsg,
  query: CallbackQuery,
  receivedAt: Date,
): GroupMessageSentV1 {
  const topicId = callback.TopicId ?? null;
  return {
    eventId: groupMessageEventId({
      sdkAppId: query.SdkAppid,
      groupId: callback.GroupId,
      topicId,
      msgSeq: callback.MsgSeq,
    }),
    eventType: GROUP_MESSAGE_SENT_V1,
    schemaVersion: 1,
    receivedTime: receivedAt.getTime(),
    source: {
      sdkAppId: query.SdkAppid,
      callbackCommand: query.CallbackCommand,
      clientIp: query.ClientIP ?? null,
      optPlatform: query.OptPlatform ?? null,
      requestId: query.RequestID ?? null,
    },
    message: toMessage(callback, topicId),
  };
}

function toMessage(callback: AfterSendMsg, topicId: string | null): GroupMessageV1 {
  return {
    groupId: callback.GroupId,
    groupType: callback.Type ?? null,
    topicId,
    fromAccount: callback.From_Account ?? null,
    operatorAccount: callback.Operator_Account ?? null,
    msgSeq: callback.MsgSeq,
    random: callback.Random ?? null,
    msgTime: callback.MsgTime === undefined ? null : callback.MsgTime * 1000,
    eventTime: callback.EventTime === undefined ? null : Number(callback.EventTime),
    onlineOnlyFlag: callback.OnlineOnlyFlag ?? null,
    msgId: callback.MsgId ?? null,
    cloudCustomData: callback.CloudCustomData ?? null,
    mentions: toMentions(callback.GroupAtInfo),
    elements: toElements(callback.MsgBody),
    unmodelledJson: undocumentedMembersJson(callback, AfterSendMsg),
  };
}

/**
 * A MsgBody as our elements ([] when absent). Shared by every event that carries a message body (sent,
 * edited, failed, to a bot), so they all model a message the same way.
 */
export function toElements(msgBody: readonly MsgElement[] | undefined): ElementV1[] {
  return msgBody?.map(toElement) ?? [];
}

/** GroupAtInfo as our mentions: null when the callback had no list, [] when it had an empty one. */
export function toMentions(groupAtInfo: readonly GroupAt[] | undefined): MentionV1[] | null {
  return groupAtInfo?.map(toMention) ?? null;
}

function toMention(at: GroupAt): MentionV1 {
  return {
    atAll: at.GroupAtAllFlag === 1,
    account: at.GroupAt_Account ?? null,
    unmodelledJson: undocumentedMembersJson(at, GroupAt),
  };
}

function toElement(element: MsgElement): ElementV1 {
  const known = asKnownElement(element);
  if (known === undefined) return unknownElement(element, elementV1);
  if (known.MsgType !== 'TIMRelayElem') return toLeafElement(known, elementV1);
  const rest = undocumentedMembersJson(known.MsgContent, RelayContent);
  return elementV1(known, 'RELAY', { relay: toRelay(known.MsgContent) }, rest);
}

/** In a forwarded message, a relay is not modelled (v1 bounds the depth): its whole content is kept as JSON. */
function toForwardedElement(element: MsgElement): ForwardedElementV1 {
  const known = asKnownElement(element);
  if (known === undefined) return unknownElement(element, forwardedElementV1);
  if (known.MsgType !== 'TIMRelayElem') return toLeafElement(known, forwardedElementV1);
  return forwardedElementV1(known, 'RELAY', {}, JSON.stringify(known.MsgContent));
}

/** No MsgContent gives a null contentJson; `MsgContent: null` the text `null`: the two stay distinct. */
function unknownElement<T>(element: MsgElement, build: BuildElement<T>): T {
  const whole = element.MsgContent === undefined ? null : JSON.stringify(element.MsgContent);
  return build(element, 'UNKNOWN', {}, whole);
}

/** Every field written in one literal, so all elements share one shape (fast to build and to encode). */
function forwardedElementV1(
  element: MsgElement,
  kind: ElementKindV1,
  content: ElementContent,
  contentJson: string | null,
): ForwardedElementV1 {
  return {
    kind,
    msgType: element.MsgType,
    text: content.text ?? null,
    location: content.location ?? null,
    face: content.face ?? null,
    custom: content.custom ?? null,
    sound: content.sound ?? null,
    image: content.image ?? null,
    file: content.file ?? null,
    video: content.video ?? null,
    contentJson,
    unmodelledJson: undocumentedMembersJson(element, MsgElement),
  };
}

function elementV1(
  element: MsgElement,
  kind: ElementKindV1,
  content: ElementContent,
  contentJson: string | null,
): ElementV1 {
  return {
    kind,
    msgType: element.MsgType,
    text: content.text ?? null,
    location: content.location ?? null,
    face: content.face ?? null,
    custom: content.custom ?? null,
    sound: content.sound ?? null,
    image: content.image ?? null,
    file: content.file ?? null,
    video: content.video ?? null,
    relay: content.relay ?? null,
    contentJson,
    unmodelledJson: undocumentedMembersJson(element, MsgElement),
  };
}

function toRelay(content: RelayContent): RelayContentV1 {
  return {
    title: content.Title ?? null,
    msgNum: content.MsgNum ?? null,
    compatibleText: content.CompatibleText ?? null,
    abstractList: content.AbstractList ?? null,
    jsonMsgKey: content.JsonMsgKey ?? null,
    messages: content.MsgList?.map(toForwardedMessage) ?? null,
  };
}

function toForwardedMessage(message: RelayMsg): ForwardedMessageV1 {
  return {
    fromAccount: message.From_Account ?? null,
    toAccount: message.To_Account ?? null,
    groupId: message.GroupId ?? null,
    msgSeq: message.MsgSeq ?? null,
    msgRandom: message.MsgRandom ?? null,
    msgTime: message.MsgTimeStamp === undefined ? null : message.MsgTimeStamp * 1000,
    cloudCustomData: message.CloudCustomData ?? null,
    elements: message.MsgBody?.map(toForwardedElement) ?? [],
    unmodelledJson: undocumentedMembersJson(message, RelayMsg),
  };
}
