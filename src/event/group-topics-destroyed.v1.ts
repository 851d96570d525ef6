import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupTopicsDestroyed` (schemas/group-topics-destroyed/v1.avsc):
 * topics of a Community group were deleted, one event for the whole list. Key: groupId.
 */
export const GROUP_TOPICS_DESTROYED_V1 = 'tencent.im.group.topics.destroyed';

export interface GroupTopicsDestroyedV1 extends EventBase {
  readonly eventType: typeof GROUP_TOPICS_DESTROYED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  /** null when the callback had no TopicIdList. */
  readonly topicIds: readonly string[] | null;
  /** Milliseconds; not documented for this callback, so usually null. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}
