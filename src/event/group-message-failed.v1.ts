import type { EventBase } from './event.js';
import type { ElementV1, MentionV1 } from './group-message.v1.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupMessageFailed` (schemas/group-message-failed/v1.avsc): a
 * group message could not be sent. GroupMessageSent's fields without msgSeq and msgTime (a failed message
 * has none), plus the failure's errorCode and errorInfo. Key: groupId.
 */
export const GROUP_MESSAGE_FAILED_V1 = 'tencent.im.group.message.failed';

export interface GroupMessageFailedV1 extends EventBase {
  readonly eventType: typeof GROUP_MESSAGE_FAILED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  /** The community topic; null outside topics (TopicId absent or ""). */
  readonly topicId: string | null;
  readonly fromAccount: string | null;
  readonly operatorAccount: string | null;
  readonly random: number | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly onlineOnlyFlag: number | null;
  readonly msgId: string | null;
  readonly cloudCustomData: string | null;
  /** null when the callback had no mention list; [] when it had an empty one. */
  readonly mentions: readonly MentionV1[] | null;
  readonly elements: readonly ElementV1[];
  readonly errorCode: number | null;
  readonly errorInfo: string | null;
  readonly unmodelledJson: string | null;
}
