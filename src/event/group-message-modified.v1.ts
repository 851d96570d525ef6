import type { EventBase } from './event.js';
import type { ElementV1 } from './group-message.v1.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupMessageModified` (schemas/group-message-modified/v1.avsc):
 * a group message was edited. The message is named as GroupMessageSent names it (groupId, topicId, msgSeq);
 * `elements` is its new full body, in GroupMessageSent's element model, so a consumer replaces the old one.
 * Key: groupId.
 */
export const GROUP_MESSAGE_MODIFIED_V1 = 'tencent.im.group.message.modified';

export interface GroupMessageModifiedV1 extends EventBase {
  readonly eventType: typeof GROUP_MESSAGE_MODIFIED_V1;
  readonly groupId: string;
  /** The community topic of the message; null outside topics (TopicId absent or ""). */
  readonly topicId: string | null;
  readonly msgSeq: number;
  readonly operatorAccount: string | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly cloudCustomData: string | null;
  /** The new MsgBody, whole; [] when the callback had none (as GroupMessageSent reads an absent MsgBody). */
  /** null when the callback had no MsgBody: the content did not change. */
  readonly elements: readonly ElementV1[] | null;
  readonly unmodelledJson: string | null;
}
