import { AfterSendMsg, type GroupAt } from '../callback/after-send-msg.js';
import {
  asKnownElement,
  ELEMENT_CONTENTS,
  ImageInfo,
  RelayContent,
  RelayMsg,
  type CustomContent,
  type FaceContent,
  type FileContent,
  type ImageContent,
  type KnownElement,
  type LocationContent,
  type MsgElement,
  type SoundContent,
  type VideoFileContent,
} from '../callback/elements.js';
import type { CallbackQuery } from '../callback/query.js';
import { undocumentedMembersJson } from '../callback/undocumented-members.js';
import { groupMessageEventId } from './event-id.js';
import {
  GROUP_MESSAGE_SENT_V1,
  type ElementKindV1,
  type ElementV1,
  type ForwardedElementV1,
  type ForwardedMessageV1,
  type GroupMessageSentV1,
  type GroupMessageV1,
  type ImageInfoV1,
  type MentionV1,
  type RelayContentV1,
} from './group-message.v1.js';

/**
 * The one place Tencent's names meet ours: a validated callback becomes a v1 event. Total over what
 * parseAfterSendMsg accepted (a throw here is a bug) and lossless: what the v1 schema does not model goes
 * into the `unmodelledJson` next to it. `receivedAt` is the bridge's clock, passed in.
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
    mentions: callback.GroupAtInfo?.map(toMention) ?? null,
    elements: callback.MsgBody?.map(toElement) ?? [],
    unmodelledJson: undocumentedMembersJson(callback, AfterSendMsg),
  };
}

// FIXME: v1 has no unmodelledJson on a mention nor beside an element's MsgType/MsgContent, so undocumented
// members there are accepted but not carried. A nullable field with default null would fix it compatibly.
function toMention(at: GroupAt): MentionV1 {
  return { atAll: at.GroupAtAllFlag === 1, account: at.GroupAt_Account ?? null };
}

/** The content field of each kind; an element has at most one set. */
type ElementContent = Partial<Omit<ElementV1, 'kind' | 'msgType' | 'unmodelledJson'>>;

function toElement(element: MsgElement): ElementV1 {
  const known = asKnownElement(element);
  if (known === undefined) return unknownElement(element, elementV1);
  if (known.MsgType !== 'TIMRelayElem') return toKnownElement(known, elementV1);
  const unmodelledJson = undocumentedMembersJson(known.MsgContent, RelayContent);
  return elementV1('RELAY', known.MsgType, { relay: toRelay(known.MsgContent) }, unmodelledJson);
}

/** In a forwarded message, a relay is not modelled (v1 bounds the depth): its whole content is kept as JSON. */
function toForwardedElement(element: MsgElement): ForwardedElementV1 {
  const known = asKnownElement(element);
  if (known === undefined) return unknownElement(element, forwardedElementV1);
  if (known.MsgType !== 'TIMRelayElem') return toKnownElement(known, forwardedElementV1);
  return forwardedElementV1('RELAY', known.MsgType, {}, JSON.stringify(known.MsgContent));
}

type Build<T> = (
  kind: ElementKindV1,
  msgType: string,
  content: ElementContent,
  unmodelledJson: string | null,
) => T;

function unknownElement<T>(element: MsgElement, build: Build<T>): T {
  const whole = element.MsgContent === undefined ? null : JSON.stringify(element.MsgContent);
  return build('UNKNOWN', element.MsgType, {}, whole);
}

function toKnownElement<T>(known: Exclude<KnownElement, { MsgType: 'TIMRelayElem' }>, build: Build<T>): T {
  const unmodelledJson = undocumentedMembersJson(known.MsgContent, ELEMENT_CONTENTS[known.MsgType]);
  switch (known.MsgType) {
    case 'TIMTextElem':
      return build('TEXT', known.MsgType, { text: { text: known.MsgContent.Text } }, unmodelledJson);
    case 'TIMLocationElem':
      return build('LOCATION', known.MsgType, { location: toLocation(known.MsgContent) }, unmodelledJson);
    case 'TIMFaceElem':
      return build('FACE', known.MsgType, { face: toFace(known.MsgContent) }, unmodelledJson);
    case 'TIMCustomElem':
      return build('CUSTOM', known.MsgType, { custom: toCustom(known.MsgContent) }, unmodelledJson);
    case 'TIMSoundElem':
      return build('SOUND', known.MsgType, { sound: toSound(known.MsgContent) }, unmodelledJson);
    case 'TIMImageElem':
      return build('IMAGE', known.MsgType, { image: toImage(known.MsgContent) }, unmodelledJson);
    case 'TIMFileElem':
      return build('FILE', known.MsgType, { file: toFile(known.MsgContent) }, unmodelledJson);
    case 'TIMVideoFileElem':
      return build('VIDEO', known.MsgType, { video: toVideo(known.MsgContent) }, unmodelledJson);
  }
}

/** Every field written in one literal, so all elements share one shape (fast to build and to encode). */
function forwardedElementV1(
  kind: ElementKindV1,
  msgType: string,
  content: ElementContent,
  unmodelledJson: string | null,
): ForwardedElementV1 {
  return {
    kind,
    msgType,
    text: content.text ?? null,
    location: content.location ?? null,
    face: content.face ?? null,
    custom: content.custom ?? null,
    sound: content.sound ?? null,
    image: content.image ?? null,
    file: content.file ?? null,
    video: content.video ?? null,
    unmodelledJson,
  };
}

function elementV1(
  kind: ElementKindV1,
  msgType: string,
  content: ElementContent,
  unmodelledJson: string | null,
): ElementV1 {
  return {
    kind,
    msgType,
    text: content.text ?? null,
    location: content.location ?? null,
    face: content.face ?? null,
    custom: content.custom ?? null,
    sound: content.sound ?? null,
    image: content.image ?? null,
    file: content.file ?? null,
    video: content.video ?? null,
    relay: content.relay ?? null,
    unmodelledJson,
  };
}

function toLocation(content: LocationContent) {
  return {
    desc: content.Desc ?? null,
    latitude: content.Latitude ?? null,
    longitude: content.Longitude ?? null,
  };
}

function toFace(content: FaceContent) {
  return { index: content.Index ?? null, data: content.Data ?? null };
}

function toCustom(content: CustomContent) {
  return {
    data: content.Data ?? null,
    desc: content.Desc ?? null,
    ext: content.Ext ?? null,
    sound: content.Sound ?? null,
  };
}

function toSound(content: SoundContent) {
  return {
    url: content.Url ?? null,
    uuid: content.UUID ?? null,
    size: content.Size ?? null,
    second: content.Second ?? null,
    downloadFlag: content.Download_Flag ?? null,
  };
}

function toImage(content: ImageContent) {
  return {
    uuid: content.UUID ?? null,
    imageFormat: content.ImageFormat ?? null,
    images: content.ImageInfoArray?.map(toImageInfo) ?? null,
  };
}

function toImageInfo(info: ImageInfo): ImageInfoV1 {
  return {
    type: info.Type ?? null,
    size: info.Size ?? null,
    width: info.Width ?? null,
    height: info.Height ?? null,
    url: info.URL ?? null,
    unmodelledJson: undocumentedMembersJson(info, ImageInfo),
  };
}

function toFile(content: FileContent) {
  return {
    url: content.Url ?? null,
    uuid: content.UUID ?? null,
    fileSize: content.FileSize ?? null,
    fileName: content.FileName ?? null,
    downloadFlag: content.Download_Flag ?? null,
  };
}

function toVideo(content: VideoFileContent) {
  return {
    videoUrl: content.VideoUrl ?? null,
    videoUuid: content.VideoUUID ?? null,
    videoSize: content.VideoSize ?? null,
    videoSecond: content.VideoSecond ?? null,
    videoFormat: content.VideoFormat ?? null,
    videoDownloadFlag: content.VideoDownloadFlag ?? null,
    thumbUrl: content.ThumbUrl ?? null,
    thumbUuid: content.ThumbUUID ?? null,
    thumbSize: content.ThumbSize ?? null,
    thumbWidth: content.ThumbWidth ?? null,
    thumbHeight: content.ThumbHeight ?? null,
    thumbFormat: content.ThumbFormat ?? null,
    thumbDownloadFlag: content.ThumbDownloadFlag ?? null,
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
