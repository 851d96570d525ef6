import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupFull` (schemas/group-full/v1.avsc): a group became full,
 * or a join failed because it is full; it can repeat. Key: groupId.
 */
export const GROUP_FULL_V1 = 'tencent.im.group.full';

export interface GroupFullV1 extends EventBase {
  readonly eventType: typeof GROUP_FULL_V1;
  readonly groupId: string;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}
