/**
 * The commands Tencent waits on to decide something (§1.1 of the callback reference): every "before"
 * callback, and the interactive Chatbot.OnC2CSignalMessage. Each is answered "allow" (ErrorCode 0) at once,
 * its body unread, and never published: it describes something that has not happened yet, and its
 * after-callback, if any, is the event. A command named like a before-callback that Tencent adds later is
 * treated the same way (isBeforeCommand).
 */
export const BEFORE_COMMANDS: readonly string[] = [
  'Sns.CallbackPrevFriendAdd',
  'Sns.CallbackPrevFriendResponse',
  'C2C.CallbackBeforeSendMsg',
  'Group.CallbackBeforeCreateGroup',
  'Group.CallbackBeforeApplyJoinGroup',
  'Group.CallbackBeforeInviteJoinGroup',
  'Group.CallbackBeforeSendMsg',
  'Group.CallbackBeforeCreateTopic',
  'OfficialAccount.CallbackBeforeCreateOfficialAccount',
  'OfficialAccount.CallbackBeforeAddSubscriber',
  'OfficialAccount.CallbackBeforeSendMsg',
  'Chatbot.OnC2CSignalMessage',
];

const before = new Set(BEFORE_COMMANDS);
const BEFORE_NAME = /\.Callback(Before|Prev)[A-Z]/;

/** True for a command Tencent waits on: answer allow at once, publish nothing. */
export function isBeforeCommand(command: string): boolean {
  return before.has(command) || BEFORE_NAME.test(command);
}
