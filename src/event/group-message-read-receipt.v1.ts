import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupMessageReadReceipt`
 * (schemas/group-message-read-receipt/v1.avsc): members acknowledged reading messages of a group. Each
 * message is named as GroupMessageSent names it (groupId, topicId, msgSeq). Key: groupId.
 */
export const GROUP_MESSAGE_READ_V1 = 'tencent.im.group.message.read';

export interface GroupMessageReadReceiptV1 extends EventBase {
  readonly eventType: typeof GROUP_MESSAGE_READ_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  /** null outside topics (Tencent documents read receipts for non-Community groups only). */
  readonly topicId: string | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly receipts: readonly MessageReadReceiptV1[];
  readonly unmodelledJson: string | null;
}

export interface MessageReadReceiptV1 {
  readonly msgSeq: number;
  readonly readNum: number | null;
  readonly unreadNum: number | null;
  /** The readers' UserIDs, in Tencent's order; null when the item had no ReadReceiptMembers. */
  readonly readMembers: readonly string[] | null;
  /**
   * A JSON array with one entry per readMembers item: null, or the object of that item's members beside
   * Member_Account; null itself when no item has any.
   */
  readonly readMembersUnmodelledJson: string | null;
  readonly unmodelledJson: string | null;
}
