import { BridgeError } from '../../../src/errors.js';
import type { OutboundRecord } from '../../../src/kafka/event-publisher.js';
import type { DirectPublisher } from '../../../src/spool/direct-publisher.js';

interface Pending {
  readonly record: OutboundRecord;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly signal: AbortSignal | undefined;
}

/**
 * A Kafka that can be told to acknowledge, fail or hang. `topic` is what "reached the broker", in order.
 * Withdrawn records that were still pending are never written, as the real publisher promises; a hanging
 * call is rejected after `hangMs` (100 ms unless set), as the real publisher's deadline does.
 */
export function fakeKafka() {
  const topic: OutboundRecord[] = [];
  let pending: Pending[] = [];
  let mode: 'ack' | 'fail' | 'hang' = 'ack';
  let connected = true;
  let onWire = false;
  let hangMs = 100;
  const unavailable = () => new BridgeError('PUBLISH_FAILED', 'fake Kafka is down', { retriable: true });

  const kafka: DirectPublisher = {
    publish(record, options) {
      if (mode === 'ack') {
        topic.push(record);
        return Promise.resolve();
      }
      if (mode === 'fail') return Promise.reject(unavailable());
      return new Promise<void>((resolve, reject) => {
        const signal = options?.signal;
        const entry = { record, resolve, reject, signal };
        pending.push(entry);
        const giveUp = (reason: string) => () => {
          if (!pending.includes(entry)) return;
          pending = pending.filter((p) => p !== entry);
          reject(new BridgeError('PUBLISH_FAILED', reason, { retriable: true }));
        };
        // A record already on the wire cannot be withdrawn any more.
        if (!onWire) signal?.addEventListener('abort', giveUp('withdrawn'));
        // Like the real publisher, every call settles by its deadline.
        setTimeout(giveUp('timed out'), hangMs);
      });
    },
    isConnected: () => connected,
    close: () => Promise.resolve(),
  };

  return {
    kafka,
    topic,
    set mode(next: 'ack' | 'fail' | 'hang') {
      mode = next;
    },
    /** Hanging records count as sent: withdrawing them does nothing, release() still writes them. */
    set onWire(next: boolean) {
      onWire = next;
    },
    set hangMs(next: number) {
      hangMs = next;
    },
    set connected(next: boolean) {
      connected = next;
    },
    /** Writes and acknowledges every pending record, in order. */
    release() {
      for (const entry of pending) {
        topic.push(entry.record);
        entry.resolve();
      }
      pending = [];
    },
    get pending() {
      return pending.length;
    },
  };
}
