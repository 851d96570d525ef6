import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { createTestTopic } from '../kafka-harness.js';
import {
  bridgeEnv,
  cleanUpBridges,
  printBridgeLogs,
  probe,
  spawnBridge,
  spooledOnDisk,
  stopBridge,
  waitSpoolDrained,
} from './support/bridge-process.js';
import { sleep, startLoad, testGroups } from './support/load.js';
import { expectPromiseKept, readTopic } from './support/outcome.js';

const DELAY_MS = 1000;
const TIMEOUT_MS = 5000;

/**
 * Polls /readyz until `done` settles, and once more after: the statuses in the order seen ('refused' once
 * nothing answers). The last probe records the closed server even when the process exits between two polls.
 */
async function watchReadiness(url: string, done: Promise<unknown>): Promise<(number | 'refused')[]> {
  const seen: (number | 'refused')[] = [];
  const state = { finished: false };
  void done.finally(() => (state.finished = true));
  for (let last = false; !last;) {
    last = state.finished;
    const status = await probe(`${url}/readyz`);
    if (seen.at(-1) !== status) seen.push(status);
    if (!last) await sleep(50);
  }
  return seen;
}

describe('faults: the bridge is stopped with SIGTERM under load', () => {
  afterAll(cleanUpBridges);

  it('turns not ready, then closes, exits 0 within its budget, and keeps every callback answered 200', async () => {
    const topic = await createTestTopic('fault-sigterm');
    const env = await bridgeEnv(topic, {
      BRIDGE_SHUTDOWN_DELAY_MS: String(DELAY_MS),
      BRIDGE_SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    onTestFailed(printBridgeLogs);
    const bridge = await spawnBridge(env);
    const load = startLoad({ url: bridge.url, groups: testGroups('sigterm', 20) });
    await sleep(3000);

    const signalledAt = performance.now();
    bridge.signal('SIGTERM');
    const readiness = watchReadiness(bridge.url, bridge.exited);
    const { code, signal } = await bridge.exited;
    const shutdownMs = performance.now() - signalledAt;
    const sent = await load.stop();
    const seen = await readiness;
    const leftInSpool = await spooledOnDisk(env['BRIDGE_SPOOL_DIR'] ?? '');
    console.log(
      `[fault] SIGTERM: exit ${code ?? signal} after ${Math.round(shutdownMs)} ms; /readyz went ${seen.join(' → ')}; ` +
        `${leftInSpool} events left in the spool`,
    );
    if (leftInSpool > 0) {
      // Durable, not lost: the next start forwards them.
      const next = await spawnBridge(env);
      await waitSpoolDrained(next.url, 60_000);
      await stopBridge(next);
    }

    expect.soft(code, bridge.logTail()).toBe(0);
    // Not the whole budget: the in-flight callbacks take milliseconds, and a timeout cuts answers off.
    expect
      .soft(shutdownMs, 'shutdown finished before the timeout forced connections closed')
      .toBeLessThan(DELAY_MS + TIMEOUT_MS);
    // The first probe may still beat the signal handler; after that: 503, then nothing answers.
    const afterSignal = seen[0] === 200 ? seen.slice(1) : seen;
    expect.soft(afterSignal, '/readyz answered 503 before the server closed').toEqual([503, 'refused']);
    const outcome = expectPromiseKept('SIGTERM', sent, await readTopic(topic));
    expect(outcome.maxLatencyMs).toBeLessThan(2000);
  });
});
