import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.ConversationsRead` (schemas/conversations-read/v1.avsc): a user
 * cleared all their unread messages. On the app stream, keyed by the user (reportAccount), so one user's
 * clears stay in order.
 */
export const CONVERSATIONS_READ_V1 = 'tencent.im.conversations.read';

export interface ConversationsReadV1 extends EventBase {
  readonly eventType: typeof CONVERSATIONS_READ_V1;
  readonly reportAccount: string;
  /** Milliseconds. */
  readonly eventTime: number | null;
  /** The groups cleared; null when the callback had no list. */
  readonly groups: readonly GroupReadV1[] | null;
  readonly unmodelledJson: string | null;
}

export interface GroupReadV1 {
  readonly groupId: string | null;
  /** The MsgSeq the clearing request passed: messages up to it are read. */
  readonly msgSeq: number | null;
  readonly unmodelledJson: string | null;
}
