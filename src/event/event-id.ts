import { hash } from 'node:crypto';

/**
 * The namespace of our event ids: a random UUID generated once for this project. Changing it changes every
 * event id, which breaks consumers' deduplication across the change: never change it.
 */
export const EVENT_ID_NAMESPACE = '7c6f0271-285f-44e8-8558-4a3693c96b6e';

const namespaceBytes = uuidBytes(EVENT_ID_NAMESPACE);

/** Identity of a group message: what Tencent says makes a message unique. */
export interface GroupMessageIdentity {
  readonly sdkAppId: string;
  readonly groupId: string;
  /** A community topic has its own message sequence, so its MsgSeq is unique only within the topic. */
  readonly topicId: string | null;
  readonly msgSeq: number;
}

/**
 * The event id of a group message: UUIDv5 in EVENT_ID_NAMESPACE of `${sdkAppId}\n${groupId}\n${msgSeq}`,
 * with `\n${topicId}` appended for a message in a community topic. The same message (a retried callback)
 * always gets the same id; Tencent's ids never contain a newline, so the parts cannot run together.
 */
export function groupMessageEventId(message: GroupMessageIdentity): string {
  const name = `${message.sdkAppId}\n${message.groupId}\n${message.msgSeq}`;
  return uuidV5(namespaceBytes, message.topicId === null ? name : `${name}\n${message.topicId}`);
}

/**
 * The event id of any other occurrence: UUIDv5 in EVENT_ID_NAMESPACE of the JSON array text (JSON.stringify,
 * no spaces) of its event type followed by the values that identify it: the SdkAppid, the GroupId, and what
 * the event type's schema names in its eventId doc. The event type comes first, so two event types never
 * share an id, and JSON keeps any two lists of values apart whatever characters they hold. Every delivery of
 * the same callback gets the same id, so consumers can deduplicate on it.
 */
export function eventIdOf(
  eventType: string,
  parts: readonly (string | number | null | readonly (string | number | null)[])[],
): string {
  return uuidV5(namespaceBytes, JSON.stringify([eventType, ...parts]));
}

/** RFC 9562 §5.5: SHA-1 of namespace bytes then the UTF-8 name, version 5, variant 10. */
export function uuidV5(namespace: Uint8Array, name: string | Uint8Array): string {
  const bytes = typeof name === 'string' ? Buffer.from(name, 'utf8') : name;
  const digest = hash('sha1', Buffer.concat([namespace, bytes]), 'buffer');
  digest[6] = ((digest[6] as number) & 0x0f) | 0x50;
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The 16 bytes of a UUID written in its usual 8-4-4-4-12 hex form. */
export function uuidBytes(uuid: string): Buffer {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)) {
    throw new RangeError(`not a UUID: ${uuid}`);
  }
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}
