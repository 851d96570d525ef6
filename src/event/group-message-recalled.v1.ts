import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupMessageRecalled` (schemas/group-message-recalled/v1.avsc):
 * messages of a group were recalled. Each recalled message is named as GroupMessageSent names it (groupId,
 * topicId, msgSeq, msgId), so a consumer finds the original without parsing JSON. Key: groupId.
 */
export const GROUP_MESSAGE_RECALLED_V1 = 'tencent.im.group.message.recalled';

export interface GroupMessageRecalledV1 extends EventBase {
  readonly eventType: typeof GROUP_MESSAGE_RECALLED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  /** The community topic the messages were in; null outside topics. */
  readonly topicId: string | null;
  readonly operatorAccount: string | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly messages: readonly RecalledMessageV1[];
  readonly unmodelledJson: string | null;
}

export interface RecalledMessageV1 {
  readonly msgSeq: number;
  readonly msgId: string | null;
  readonly unmodelledJson: string | null;
}
