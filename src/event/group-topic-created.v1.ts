import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupTopicCreated` (schemas/group-topic-created/v1.avsc): a
 * topic was created in a Community group. Key: groupId.
 */
export const GROUP_TOPIC_CREATED_V1 = 'tencent.im.group.topic.created';

export interface GroupTopicCreatedV1 extends EventBase {
  readonly eventType: typeof GROUP_TOPIC_CREATED_V1;
  readonly groupId: string;
  readonly topicId: string;
  readonly groupType: string | null;
  readonly name: string | null;
  readonly operatorAccount: string | null;
  readonly ownerAccount: string | null;
  /** null when the callback had no UserDefinedDataList. */
  readonly userDefinedData: readonly TopicUserDefinedDataV1[] | null;
  /** Milliseconds; not documented for this callback, so usually null. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}

export interface TopicUserDefinedDataV1 {
  readonly key: string | null;
  readonly value: string | null;
  readonly unmodelledJson: string | null;
}
