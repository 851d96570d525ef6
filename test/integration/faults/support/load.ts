import { groupMessageEventId } from '../../../../src/event/event-id.js';
import { signedQuery, TEST_SDKAPPID } from '../../support/bridge-harness.js';

/** One callback as the load generator sent it, and how (or whether) it was answered. */
export interface SentCallback {
  readonly groupId: string;
  readonly msgSeq: number;
  readonly eventId: string;
  /** HTTP status, or 'error' when no answer came (connection refused or reset, timeout). */
  readonly status: number | 'error';
  /** performance.now() of this process, so that callbacks of two loads compare. */
  readonly sentAt: number;
  readonly answeredAt: number;
  readonly latencyMs: number;
}

export interface LoadOptions {
  /** Base URL of the bridge, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly groups: readonly string[];
  /** Pause between a group's answer and its next callback, so the load stays steady, not flat out. */
  readonly gapMs?: number;
  /** An answer not received by then counts as 'error' (Tencent gives up after 2 s). */
  readonly requestTimeoutMs?: number;
  /** MsgSeq of each group's first callback; a second load of the same groups continues where one ended. */
  readonly firstMsgSeq?: number;
}

export interface Load {
  /** Every callback sent so far, in the order the answers came. */
  readonly sent: readonly SentCallback[];
  /** Stops sending; resolves once every group's outstanding callback has been answered or given up. */
  stop(): Promise<readonly SentCallback[]>;
}

/**
 * Tencent-like load: each group sends its callbacks one after another (MsgSeq n, n+1, …), the next only once
 * the previous was answered, and never retries a failed one; the groups run concurrently. Records which
 * callbacks were answered 200, when, and how long each answer took.
 */
export function startLoad(options: LoadOptions): Load {
  const { url, groups, gapMs = 20, requestTimeoutMs = 10_000, firstMsgSeq = 1 } = options;
  const sent: SentCallback[] = [];
  let stopping = false;

  async function send(groupId: string, msgSeq: number): Promise<SentCallback> {
    const body = {
      GroupId: groupId,
      MsgSeq: msgSeq,
      MsgTime: Math.floor(Date.now() / 1000),
      From_Account: 'fault-tester',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `${groupId} #${msgSeq}` } }],
    };
    const eventId = groupMessageEventId({ sdkAppId: TEST_SDKAPPID, groupId, topicId: null, msgSeq });
    const sentAt = performance.now();
    let status: number | 'error';
    try {
      const response = await fetch(`${url}/callbacks/tencent-im?${signedQuery()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 'error';
    }
    const answeredAt = performance.now();
    return { groupId, msgSeq, eventId, status, sentAt, answeredAt, latencyMs: answeredAt - sentAt };
  }

  async function runGroup(groupId: string): Promise<void> {
    for (let msgSeq = firstMsgSeq; !stopping; msgSeq++) {
      const callback = await send(groupId, msgSeq);
      sent.push(callback);
      // A refused connection comes back at once: do not spin while the bridge is down.
      await sleep(callback.status === 'error' ? Math.max(gapMs, 100) : gapMs);
    }
  }

  const running = Promise.all(groups.map(runGroup));
  return {
    sent,
    async stop() {
      stopping = true;
      await running;
      return sent;
    },
  };
}

/** `count` group ids unique to this run, so a topic never mixes groups of two tests. */
export function testGroups(prefix: string, count: number): string[] {
  const run = Math.random().toString(36).slice(2, 8);
  return Array.from({ length: count }, (_, index) => `@TGS#${prefix}-${run}-${index}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
