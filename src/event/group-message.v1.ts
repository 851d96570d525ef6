/**
 * Version 1 of our event, `tencentim.kafkabridge.event.GroupMessageSent` (schemas/group-message/v1.avsc),
 * as TypeScript. The .avsc file is the contract; these types mirror it field for field, in our camelCase
 * vocabulary only. A nullable Avro field (`["null", T]`) is `T | null` here and always present; Avro `long`
 * and `timestamp-millis` are numbers (safe integers; timestamps in milliseconds since 1970 UTC).
 *
 * What the contract promises consumers:
 * - Key: `message.groupId`. `eventId` is the same for every delivery of the same message: deduplicate on it.
 * - Nothing the callback carried is lost: members this version does not model travel as JSON objects in the
 *   `unmodelledJson` field of the record that stands for the JSON object they were found in (the body, a
 *   mention, an element, an image rendition, a forwarded message); an element's MsgContent members that are
 *   not modelled travel in its `contentJson`.
 * - Each element has exactly the content field of its `kind` set (none for UNKNOWN, whose whole MsgContent
 *   is in `contentJson`). A relay inside a relay is not modelled: kind RELAY with its whole content in
 *   `contentJson`. `contentJson` is null for an element without MsgContent, and the text `null` for a
 *   MsgContent of null, so the two stay distinct.
 * - Released schemas never change; v2 would live beside v1.
 */

import type { EventBase, SourceV1 } from './event.js';

export type { SourceV1 };

export const GROUP_MESSAGE_SENT_V1 = 'tencent.im.group.message.sent';

export interface GroupMessageSentV1 extends EventBase {
  /** UUIDv5 of sdkAppId, groupId, msgSeq and, in a community topic, topicId (event-id.ts): deterministic. */
  readonly eventId: string;
  readonly eventType: typeof GROUP_MESSAGE_SENT_V1;
  /** Always 1. */
  readonly schemaVersion: number;
  readonly message: GroupMessageV1;
}

export interface GroupMessageV1 {
  readonly groupId: string;
  readonly groupType: string | null;
  readonly topicId: string | null;
  readonly fromAccount: string | null;
  readonly operatorAccount: string | null;
  readonly msgSeq: number;
  readonly random: number | null;
  /** Milliseconds (Tencent sends seconds). */
  readonly msgTime: number | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly onlineOnlyFlag: number | null;
  readonly msgId: string | null;
  readonly cloudCustomData: string | null;
  /** null when the callback had no mention list; [] when it had an empty one. */
  readonly mentions: readonly MentionV1[] | null;
  readonly elements: readonly ElementV1[];
  readonly unmodelledJson: string | null;
}

export interface MentionV1 {
  readonly atAll: boolean;
  readonly account: string | null;
  readonly unmodelledJson: string | null;
}

export type ElementKindV1 =
  'UNKNOWN' | 'TEXT' | 'LOCATION' | 'FACE' | 'CUSTOM' | 'SOUND' | 'IMAGE' | 'FILE' | 'VIDEO' | 'RELAY';

/** An element of a forwarded message: an Element without `relay` (a nested relay is kept as JSON). */
export interface ForwardedElementV1 {
  readonly kind: ElementKindV1;
  readonly msgType: string;
  readonly text: TextContentV1 | null;
  readonly location: LocationContentV1 | null;
  readonly face: FaceContentV1 | null;
  readonly custom: CustomContentV1 | null;
  readonly sound: SoundContentV1 | null;
  readonly image: ImageContentV1 | null;
  readonly file: FileContentV1 | null;
  readonly video: VideoContentV1 | null;
  /** The MsgContent of an UNKNOWN element or a nested relay, whole; else its members not modelled; or null. */
  readonly contentJson: string | null;
  /** The element's members beside MsgType and MsgContent; null when none. */
  readonly unmodelledJson: string | null;
}

export interface ElementV1 extends ForwardedElementV1 {
  readonly relay: RelayContentV1 | null;
}

export interface TextContentV1 {
  readonly text: string;
}

export interface LocationContentV1 {
  readonly desc: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export interface FaceContentV1 {
  readonly index: number | null;
  readonly data: string | null;
}

export interface CustomContentV1 {
  readonly data: string | null;
  readonly desc: string | null;
  readonly ext: string | null;
  readonly sound: string | null;
}

export interface SoundContentV1 {
  readonly url: string | null;
  readonly uuid: string | null;
  readonly size: number | null;
  readonly second: number | null;
  readonly downloadFlag: number | null;
}

export interface ImageContentV1 {
  readonly uuid: string | null;
  readonly imageFormat: number | null;
  readonly images: readonly ImageInfoV1[] | null;
}

export interface ImageInfoV1 {
  readonly type: number | null;
  readonly size: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly url: string | null;
  readonly unmodelledJson: string | null;
}

export interface FileContentV1 {
  readonly url: string | null;
  readonly uuid: string | null;
  readonly fileSize: number | null;
  readonly fileName: string | null;
  readonly downloadFlag: number | null;
}

export interface VideoContentV1 {
  readonly videoUrl: string | null;
  readonly videoUuid: string | null;
  readonly videoSize: number | null;
  readonly videoSecond: number | null;
  readonly videoFormat: string | null;
  readonly videoDownloadFlag: number | null;
  readonly thumbUrl: string | null;
  readonly thumbUuid: string | null;
  readonly thumbSize: number | null;
  readonly thumbWidth: number | null;
  readonly thumbHeight: number | null;
  readonly thumbFormat: string | null;
  readonly thumbDownloadFlag: number | null;
}

export interface RelayContentV1 {
  readonly title: string | null;
  readonly msgNum: number | null;
  readonly compatibleText: string | null;
  readonly abstractList: readonly string[] | null;
  readonly jsonMsgKey: string | null;
  readonly messages: readonly ForwardedMessageV1[] | null;
}

export interface ForwardedMessageV1 {
  readonly fromAccount: string | null;
  readonly toAccount: string | null;
  readonly groupId: string | null;
  readonly msgSeq: number | null;
  readonly msgRandom: number | null;
  /** Milliseconds (Tencent's MsgTimeStamp is seconds). */
  readonly msgTime: number | null;
  readonly cloudCustomData: string | null;
  readonly elements: readonly ForwardedElementV1[];
  readonly unmodelledJson: string | null;
}
