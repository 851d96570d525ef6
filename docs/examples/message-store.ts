// A consumer of the per-group stream that keeps each group's messages as they are now: sent messages are
// stored, edits replace their content, recalls remove it. The README's "A message store" section walks
// through it; test/integration/group-lives.test.ts runs it against the real bridge and broker.
//
// In your service, import from the package instead: `import { decode } from 'tencent-im-kafka-bridge'`.
import { decode, type ElementV1 } from '../../src/index.js';

/** A message as the group sees it now. */
export interface StoredMessage {
  readonly groupId: string;
  readonly topicId: string | null;
  readonly msgSeq: number;
  readonly fromAccount: string | null;
  /** The current content: the sent elements, or the last edit's; [] once recalled. */
  readonly elements: readonly ElementV1[];
  readonly edited: boolean;
  readonly recalled: boolean;
}

/** A message is identified by its group, its community topic (if any) and its MsgSeq. */
const keyOf = (groupId: string, topicId: string | null, msgSeq: number) =>
  `${groupId}\n${topicId ?? ''}\n${msgSeq}`;

export class MessageStore {
  readonly #messages = new Map<string, StoredMessage>();
  /** Delivery is at least once: an event seen before is skipped. A real store keeps this with its data. */
  readonly #seen = new Set<string>();

  /** Applies one Kafka record value of the per-group stream, in the stream's order. */
  apply(value: Uint8Array): void {
    const event = decode(value);
    if (this.#seen.has(event.eventId)) return;
    this.#seen.add(event.eventId);
    switch (event.eventType) {
      case 'tencent.im.group.message.sent': {
        const { groupId, topicId, msgSeq, fromAccount, elements } = event.message;
        const key = keyOf(groupId, topicId, msgSeq);
        const earlier = this.#messages.get(key); // an edit or recall that overtook its message stays applied
        this.#messages.set(key, {
          groupId,
          topicId,
          msgSeq,
          fromAccount,
          elements: earlier?.edited === true || earlier?.recalled === true ? earlier.elements : elements,
          edited: earlier?.edited ?? false,
          recalled: earlier?.recalled ?? false,
        });
        return;
      }
      case 'tencent.im.group.message.modified': {
        const key = keyOf(event.groupId, event.topicId, event.msgSeq);
        const message = this.#messages.get(key) ?? blank(event.groupId, event.topicId, event.msgSeq);
        const elements = event.elements ?? message.elements; // null: the edit left the content as it was
        if (!message.recalled) this.#messages.set(key, { ...message, elements, edited: true });
        return;
      }
      case 'tencent.im.group.message.recalled': {
        for (const { msgSeq } of event.messages) {
          const key = keyOf(event.groupId, event.topicId, msgSeq);
          const message = this.#messages.get(key) ?? blank(event.groupId, event.topicId, msgSeq);
          this.#messages.set(key, { ...message, elements: [], recalled: true });
        }
        return;
      }
      default:
        return; // members, group and topic lifecycle, …: not this store's business
    }
  }

  /** The messages of a group (and topic), oldest first, recalled ones included as such. */
  messages(groupId: string, topicId: string | null = null): StoredMessage[] {
    return [...this.#messages.values()]
      .filter((m) => m.groupId === groupId && m.topicId === topicId)
      .sort((a, b) => a.msgSeq - b.msgSeq);
  }
}

function blank(groupId: string, topicId: string | null, msgSeq: number): StoredMessage {
  return { groupId, topicId, msgSeq, fromAccount: null, elements: [], edited: false, recalled: false };
}
