import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupTopicInfoChanged`
 * (schemas/group-topic-info-changed/v1.avsc): a topic's name, introduction, notification or face URL
 * changed. Each is null when it did not change. Tencent documents no TopicId: topicId is null unless one
 * was sent. Key: groupId.
 */
export const GROUP_TOPIC_INFO_CHANGED_V1 = 'tencent.im.group.topic.info.changed';

export interface GroupTopicInfoChangedV1 extends EventBase {
  readonly eventType: typeof GROUP_TOPIC_INFO_CHANGED_V1;
  readonly groupId: string;
  readonly topicId: string | null;
  readonly groupType: string | null;
  readonly operatorAccount: string | null;
  readonly name: string | null;
  readonly introduction: string | null;
  readonly notification: string | null;
  readonly faceUrl: string | null;
  /** Milliseconds; not documented for this callback, so usually null. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}
