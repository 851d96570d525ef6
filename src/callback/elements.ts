import { Type, type Static } from '@sinclair/typebox';
import { Arr, Num, Obj, SafeInteger, Str, Uint32, UnixSeconds } from './json-schema.js';

/**
 * The message elements of MsgBody (Tencent "Message Formats", shared/reference/tencent-im-callback.md §3).
 *
 * Each known MsgType has a content schema: every documented member is optional (the 2.x/3.x sound, file and
 * video formats simply lack the URLs and flags) but, when present, has the documented JSON type; members
 * nobody documented are allowed. Only TIMTextElem requires its one member, Text. Numbers our event stores as
 * long must be integers. An element whose MsgType is not known is accepted with any MsgContent, or none.
 */

export const TextContent = Obj({ Text: Str });
export type TextContent = Static<typeof TextContent>;

export const LocationContent = Obj({
  Desc: Type.Optional(Str),
  Latitude: Type.Optional(Num),
  Longitude: Type.Optional(Num),
});
export type LocationContent = Static<typeof LocationContent>;

export const FaceContent = Obj({ Index: Type.Optional(SafeInteger), Data: Type.Optional(Str) });
export type FaceContent = Static<typeof FaceContent>;

export const CustomContent = Obj({
  Data: Type.Optional(Str),
  Desc: Type.Optional(Str),
  Ext: Type.Optional(Str),
  Sound: Type.Optional(Str),
});
export type CustomContent = Static<typeof CustomContent>;

export const SoundContent = Obj({
  Url: Type.Optional(Str),
  UUID: Type.Optional(Str),
  Size: Type.Optional(SafeInteger),
  Second: Type.Optional(SafeInteger),
  Download_Flag: Type.Optional(SafeInteger),
});
export type SoundContent = Static<typeof SoundContent>;

export const ImageInfo = Obj({
  Type: Type.Optional(SafeInteger),
  Size: Type.Optional(SafeInteger),
  Width: Type.Optional(SafeInteger),
  Height: Type.Optional(SafeInteger),
  URL: Type.Optional(Str),
});
export type ImageInfo = Static<typeof ImageInfo>;

export const ImageContent = Obj({
  UUID: Type.Optional(Str),
  ImageFormat: Type.Optional(SafeInteger),
  ImageInfoArray: Type.Optional(Arr(ImageInfo)),
});
export type ImageContent = Static<typeof ImageContent>;

export const FileContent = Obj({
  Url: Type.Optional(Str),
  UUID: Type.Optional(Str),
  FileSize: Type.Optional(SafeInteger),
  FileName: Type.Optional(Str),
  Download_Flag: Type.Optional(SafeInteger),
});
export type FileContent = Static<typeof FileContent>;

export const VideoFileContent = Obj({
  VideoUrl: Type.Optional(Str),
  VideoUUID: Type.Optional(Str),
  VideoSize: Type.Optional(SafeInteger),
  VideoSecond: Type.Optional(SafeInteger),
  VideoFormat: Type.Optional(Str),
  VideoDownloadFlag: Type.Optional(SafeInteger),
  ThumbUrl: Type.Optional(Str),
  ThumbUUID: Type.Optional(Str),
  ThumbSize: Type.Optional(SafeInteger),
  ThumbWidth: Type.Optional(SafeInteger),
  ThumbHeight: Type.Optional(SafeInteger),
  ThumbFormat: Type.Optional(Str),
  ThumbDownloadFlag: Type.Optional(SafeInteger),
});
export type VideoFileContent = Static<typeof VideoFileContent>;

/**
 * One element of any MsgBody: what every element must be before its MsgType is looked at. MsgContent is
 * checked against its MsgType's schema separately (parseAfterSendMsg), so that errors name the exact path.
 */
export const MsgElement = Obj({
  MsgType: Type.String({ description: 'a string (the element type, e.g. TIMTextElem)' }),
  MsgContent: Type.Optional(Type.Unknown()),
});
export type MsgElement = Static<typeof MsgElement>;

/** A forwarded message inside a TIMRelayElem MsgList. Its MsgBody holds elements again, relays included. */
export const RelayMsg = Obj({
  From_Account: Type.Optional(Str),
  To_Account: Type.Optional(Str),
  GroupId: Type.Optional(Str),
  MsgSeq: Type.Optional(Uint32),
  MsgRandom: Type.Optional(Uint32),
  MsgTimeStamp: Type.Optional(UnixSeconds),
  MsgBody: Type.Optional(Arr(MsgElement)),
  CloudCustomData: Type.Optional(Str),
});
export type RelayMsg = Static<typeof RelayMsg>;

/** TIMRelayElem (merged forward): MsgList up to 12 KB of forwarded messages, JsonMsgKey instead above it. */
export const RelayContent = Obj({
  Title: Type.Optional(Str),
  MsgNum: Type.Optional(SafeInteger),
  CompatibleText: Type.Optional(Str),
  AbstractList: Type.Optional(Arr(Str)),
  MsgList: Type.Optional(Arr(RelayMsg)),
  JsonMsgKey: Type.Optional(Str),
});
export type RelayContent = Static<typeof RelayContent>;

/** The content schema of each known MsgType. */
export const ELEMENT_CONTENTS = {
  TIMTextElem: TextContent,
  TIMLocationElem: LocationContent,
  TIMFaceElem: FaceContent,
  TIMCustomElem: CustomContent,
  TIMSoundElem: SoundContent,
  TIMImageElem: ImageContent,
  TIMFileElem: FileContent,
  TIMVideoFileElem: VideoFileContent,
  TIMRelayElem: RelayContent,
} as const;
export type KnownMsgType = keyof typeof ELEMENT_CONTENTS;

/** A validated element of a known MsgType, its MsgContent typed by that MsgType. */
export type KnownElement = {
  [K in KnownMsgType]: { readonly MsgType: K; readonly MsgContent: Static<(typeof ELEMENT_CONTENTS)[K]> };
}[KnownMsgType];

const knownMsgTypes: ReadonlySet<string> = new Set(Object.keys(ELEMENT_CONTENTS));

function isKnownMsgType(msgType: string): msgType is KnownMsgType {
  return knownMsgTypes.has(msgType);
}

/**
 * The element with its content typed, or undefined for a MsgType we do not know. Only for elements that
 * parseAfterSendMsg accepted: it checked each known element's MsgContent against its schema, which is what
 * makes the narrowing true.
 */
export function asKnownElement(element: MsgElement): KnownElement | undefined {
  return isKnownMsgType(element.MsgType) ? (element as KnownElement) : undefined;
}
