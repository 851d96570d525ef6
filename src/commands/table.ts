import type { AnyCommandEntry, EventOf } from './command.js';
import { afterRecallMsg } from './group/after-recall-msg.js';
import { afterSendMsg } from './group/after-send-msg.js';
import { afterMsgReadAll } from './c2c/after-msg-read-all.js';
import { afterModifyMsg } from './group/after-modify-msg.js';
import { sendMsgException } from './group/send-msg-exception.js';
import { onGroupMessage } from './bot/on-group-message.js';
import { afterGroupMsgExtension } from './group/after-group-msg-extension.js';
import { afterReadReceipt } from './group/after-read-receipt.js';
import { afterNewMemberJoin } from './group/after-new-member-join.js';
import { afterMemberExit } from './group/after-member-exit.js';
import { afterMemberFieldChanged } from './group/after-member-field-changed.js';
import { onMemberStateChange } from './group/on-member-state-change.js';
import { afterChangeGroupOwner } from './group/after-change-group-owner.js';
import { afterCreateGroup } from './group/after-create-group.js';
import { afterGroupDestroyed } from './group/after-group-destroyed.js';
import { afterGroupInfoChanged } from './group/after-group-info-changed.js';
import { afterGroupFull } from './group/after-group-full.js';
import { afterGroupAttrChanged } from './group/after-group-attr-changed.js';
import { onDailyGroupQuotaAlarm } from './group/on-daily-group-quota-alarm.js';
import { afterCreateTopic } from './group/after-create-topic.js';
import { afterTopicDestroyed } from './group/after-topic-destroyed.js';
import { afterTopicInfoChanged } from './group/after-topic-info-changed.js';

/**
 * The command table: every callback command the bridge turns into a typed event, one entry each. Nothing
 * else in the bridge names a command; a new command is a new entry here and its own files.
 */
export const COMMANDS = [
  afterSendMsg,
  afterRecallMsg,
  afterModifyMsg,
  sendMsgException,
  onGroupMessage,
  afterGroupMsgExtension,
  afterReadReceipt,
  afterNewMemberJoin,
  afterMemberExit,
  afterMemberFieldChanged,
  onMemberStateChange,
  afterChangeGroupOwner,
  afterCreateGroup,
  afterGroupDestroyed,
  afterGroupInfoChanged,
  afterGroupFull,
  afterGroupAttrChanged,
  onDailyGroupQuotaAlarm,
  afterCreateTopic,
  afterTopicDestroyed,
  afterTopicInfoChanged,
  afterMsgReadAll,
] as const satisfies readonly AnyCommandEntry[];

/** Every event the command table produces, as a union a `switch (event.eventType)` narrows. */
export type TableEvent = EventOf<(typeof COMMANDS)[number]>;

export { BEFORE_COMMANDS, isBeforeCommand } from './before.js';
