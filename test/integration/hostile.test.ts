import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../src/bridge.js';
import { decode } from '../../src/event/decode.js';
import { toTencentBody } from '../fixtures/callbacks/to-tencent-body.js';
import { postRaw, signedQuery } from '../unit/hostile/hostile-app.js';
import { hostileInputs, type HostileInput } from '../unit/hostile/hostile-inputs.js';
import { consumeAll, createTestTopic } from './kafka-harness.js';
import { startTestBridge, TEST_SDKAPPID, TEST_TOKEN } from './support/bridge-harness.js';

const DEAD_LETTERED = new Set(['MALFORMED_BODY', 'INVALID_CALLBACK']);
const codeOf = (input: HostileInput) => ('code' in input.expect ? input.expect.code : undefined);

describe('hostile inputs against the real bridge and broker', () => {
  let bridge: RunningBridge;
  let topic: string;
  let dlq: string;

  beforeAll(async () => {
    topic = await createTestTopic('hostile-events');
    dlq = await createTestTopic('hostile-dlq');
    bridge = await startTestBridge({ BRIDGE_KAFKA_TOPIC: topic, BRIDGE_DLQ_TOPIC: dlq });
  });
  afterAll(async () => {
    await bridge.stop();
  });

  it('answers every hostile input within 2 s in Tencent JSON, dead-letters the refused bodies and stays healthy', async () => {
    const health: (number | 'no answer')[] = [];
    let posting = true;
    const probe = (async () => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set false once posting ends
      while (posting) {
        // A failed probe is recorded (and fails the test below), never left as an unhandled rejection.
        health.push(
          await fetch(`${bridge.url}/healthz`).then(
            (r) => r.status,
            () => 'no answer' as const,
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const answers = [];
    try {
      for (const input of hostileInputs) {
        const query = signedQuery(input.auth ?? 'signed', new Date(), input.query, TEST_TOKEN, TEST_SDKAPPID);
        const response = await postRaw(bridge.url, `/callbacks/tencent-im?${query}`, input.body, {
          ...(input.headers === undefined ? {} : { headers: input.headers }),
          ...(input.chunked === undefined ? {} : { chunked: input.chunked }),
          timeoutMs: 5000,
        });
        answers.push({ input, response, reply: JSON.parse(response.text) as Record<string, unknown> });
      }
    } finally {
      posting = false;
      await probe;
    }
    for (const { input, response, reply } of answers) {
      expect(response.elapsedMs, input.name).toBeLessThan(2000);
      expect(response.status, input.name).toBe(input.expect.status);
      expect(reply['ActionStatus'], input.name).toBe(input.expect.status === 200 ? 'OK' : 'FAIL');
      const code = codeOf(input);
      if (code !== undefined) expect(reply['ErrorInfo'], input.name).toMatch(new RegExp(`^${code}`));
    }
    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((status) => status !== 200)).toEqual([]);

    const refused = hostileInputs.filter((input) => DEAD_LETTERED.has(codeOf(input) ?? ''));
    const letters = await consumeAll(dlq, { expected: refused.length, distinct: true });
    expect(letters).toHaveLength(refused.length);
    for (const input of refused) {
      const letter = letters.find((record) => record.value?.equals(input.body) === true);
      expect(letter, `${input.name} is in the dead-letter topic byte for byte`).toBeDefined();
      expect(letter?.headers['dlq-reason']?.toString()).toBe(codeOf(input));
    }
    const accepted = hostileInputs.filter((input) => input.expect.status === 200);
    const events = await consumeAll(topic, { expected: accepted.length, distinct: true });
    expect(events).toHaveLength(accepted.length);
    expect(
      events.every(
        (record) => toTencentBody(decode(record.value ?? Buffer.alloc(0)))['GroupId'] !== undefined,
      ),
    ).toBe(true);
  });

  it('closes a silent socket within the configured headers timeout', async () => {
    const strict = await startTestBridge({
      BRIDGE_KAFKA_TOPIC: topic,
      BRIDGE_DLQ_TOPIC: dlq,
      BRIDGE_HTTP_HEADERS_TIMEOUT_MS: '500',
      // Far above the bound below, so only the headers timeout can close the socket in time.
      BRIDGE_HTTP_REQUEST_TIMEOUT_MS: '5000',
    });
    try {
      const url = new URL(strict.url);
      const started = performance.now();
      await new Promise<void>((resolve) => {
        const socket = connect(Number(url.port), url.hostname);
        socket.on('error', () => undefined);
        socket.resume(); // read the 408 and the end, or 'close' never comes
        socket.on('close', () => resolve());
      });
      expect(performance.now() - started).toBeLessThan(2500);
    } finally {
      await strict.stop();
    }
  });
});
