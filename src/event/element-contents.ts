import {
  ELEMENT_CONTENTS,
  ImageInfo,
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
import { undocumentedMembersJson } from '../callback/undocumented-members.js';
import type {
  CustomContentV1,
  ElementKindV1,
  ElementV1,
  FaceContentV1,
  FileContentV1,
  ImageContentV1,
  ImageInfoV1,
  LocationContentV1,
  SoundContentV1,
  VideoContentV1,
} from './group-message.v1.js';

/** The content fields of an element; at most one is set. */
export type ElementContent = Partial<Omit<ElementV1, 'kind' | 'msgType' | 'contentJson' | 'unmodelledJson'>>;

/** A known element that is not a relay: its content maps the same at every depth. */
export type LeafElement = Exclude<KnownElement, { MsgType: 'TIMRelayElem' }>;

/**
 * Makes the event's element record for `element` from its kind, content field and `contentJson`. Passed
 * in, so that the mapping below builds an Element or a ForwardedElement directly, with no object between.
 */
export type BuildElement<T> = (
  element: MsgElement,
  kind: ElementKindV1,
  content: ElementContent,
  contentJson: string | null,
) => T;

/**
 * The MsgContent of a known, non-relay element as its v1 content field; its members v1 does not model go to
 * `contentJson`. Only for elements parseAfterSendMsg accepted.
 */
export function toLeafElement<T>(known: LeafElement, build: BuildElement<T>): T {
  const rest = undocumentedMembersJson(known.MsgContent, ELEMENT_CONTENTS[known.MsgType]);
  switch (known.MsgType) {
    case 'TIMTextElem':
      return build(known, 'TEXT', { text: { text: known.MsgContent.Text } }, rest);
    case 'TIMLocationElem':
      return build(known, 'LOCATION', { location: toLocation(known.MsgContent) }, rest);
    case 'TIMFaceElem':
      return build(known, 'FACE', { face: toFace(known.MsgContent) }, rest);
    case 'TIMCustomElem':
      return build(known, 'CUSTOM', { custom: toCustom(known.MsgContent) }, rest);
    case 'TIMSoundElem':
      return build(known, 'SOUND', { sound: toSound(known.MsgContent) }, rest);
    case 'TIMImageElem':
      return build(known, 'IMAGE', { image: toImage(known.MsgContent) }, rest);
    case 'TIMFileElem':
      return build(known, 'FILE', { file: toFile(known.MsgContent) }, rest);
    case 'TIMVideoFileElem':
      return build(known, 'VIDEO', { video: toVideo(known.MsgContent) }, rest);
  }
}

function toLocation(content: LocationContent): LocationContentV1 {
  return {
    desc: content.Desc ?? null,
    latitude: content.Latitude ?? null,
    longitude: content.Longitude ?? null,
  };
}

function toFace(content: FaceContent): FaceContentV1 {
  return { index: content.Index ?? null, data: content.Data ?? null };
}

function toCustom(content: CustomContent): CustomContentV1 {
  return {
    data: content.Data ?? null,
    desc: content.Desc ?? null,
    ext: content.Ext ?? null,
    sound: content.Sound ?? null,
  };
}

function toSound(content: SoundContent): SoundContentV1 {
  return {
    url: content.Url ?? null,
    uuid: content.UUID ?? null,
    size: content.Size ?? null,
    second: content.Second ?? null,
    downloadFlag: content.Download_Flag ?? null,
  };
}

function toImage(content: ImageContent): ImageContentV1 {
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

function toFile(content: FileContent): FileContentV1 {
  return {
    url: content.Url ?? null,
    uuid: content.UUID ?? null,
    fileSize: content.FileSize ?? null,
    fileName: content.FileName ?? null,
    downloadFlag: content.Download_Flag ?? null,
  };
}

function toVideo(content: VideoFileContent): VideoContentV1 {
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
