import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupMessageExtensionChanged`
 * (schemas/group-message-extension-changed/v1.avsc): extension key-values of a group message were set,
 * deleted or cleared. The message is named as GroupMessageSent names it (groupId, topicId, msgSeq). Key:
 * groupId.
 */
export const GROUP_MESSAGE_EXTENSION_CHANGED_V1 = 'tencent.im.group.message.extension.changed';

/** OperateType 1, 2, 3; UNKNOWN for any other value (the number is in operateTypeNumber). */
export type ExtensionOperationV1 = 'UNKNOWN' | 'SET' | 'DELETE' | 'CLEAR';

export interface GroupMessageExtensionChangedV1 extends EventBase {
  readonly eventType: typeof GROUP_MESSAGE_EXTENSION_CHANGED_V1;
  readonly groupId: string;
  /** null outside topics (Tencent documents extensions for non-Community groups only). */
  readonly topicId: string | null;
  readonly msgSeq: number;
  /** null when the callback had no OperateType. */
  readonly operateType: ExtensionOperationV1 | null;
  /** OperateType exactly as sent; null when absent. */
  readonly operateTypeNumber: number | null;
  /** null when the callback had no ExtensionList. */
  readonly extensions: readonly MessageExtensionV1[] | null;
  readonly seq: number | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}

export interface MessageExtensionV1 {
  readonly key: string | null;
  readonly value: string | null;
  readonly seq: number | null;
  readonly unmodelledJson: string | null;
}
