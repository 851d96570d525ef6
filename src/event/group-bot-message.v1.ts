import type { EventBase } from './event.js';
import type { ElementV1, MentionV1 } from './group-message.v1.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupBotMessage` (schemas/group-bot-message/v1.avsc): a group
 * message @-mentioned bot accounts. GroupMessageSent's message fields, flat, plus the bots mentioned. The same
 * message also arrives as GroupMessageSent when that callback is on: join them on groupId, topicId, msgSeq.
 * Key: groupId.
 */
export const GROUP_BOT_MESSAGE_V1 = 'tencent.im.group.bot.message';

export interface GroupBotMessageV1 extends EventBase {
  readonly eventType: typeof GROUP_BOT_MESSAGE_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  /** The community topic; null outside topics (TopicId absent or ""). */
  readonly topicId: string | null;
  readonly fromAccount: string | null;
  readonly operatorAccount: string | null;
  readonly msgSeq: number;
  readonly random: number | null;
  /** Milliseconds (Tencent sends seconds). */
  readonly msgTime: number | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly onlineOnlyFlag: number | null;
  readonly msgId: string | null;
  readonly cloudCustomData: string | null;
  /** null when the callback had no mention list; [] when it had an empty one. */
  readonly mentions: readonly MentionV1[] | null;
  readonly elements: readonly ElementV1[];
  /** The bot accounts mentioned; null when the callback had no list. */
  readonly atRobotsAccounts: readonly string[] | null;
  readonly unmodelledJson: string | null;
}
