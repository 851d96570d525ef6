import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { createTestTopic, killBroker, startBroker } from '../kafka-harness.js';
import {
  bridgeEnv,
  cleanUpBridges,
  printBridgeLogs,
  spawnBridge,
  spooledOnDisk,
  stopBridge,
  waitSpoolDrained,
} from './support/bridge-process.js';
import { sleep, startLoad, testGroups } from './support/load.js';
import { expectPromiseKept, readTopic } from './support/outcome.js';

describe('faults: the bridge is killed (kill -9) with events in its spool', () => {
  afterAll(async () => {
    try {
      await cleanUpBridges();
    } finally {
      await startBroker();
    }
  });

  it('forwards after a restart on the same spool every callback it had answered 200, in group order', async () => {
    const topic = await createTestTopic('fault-bridge-kill');
    const env = await bridgeEnv(topic);
    const groups = testGroups('bridge-kill', 20);
    onTestFailed(printBridgeLogs);
    const first = await spawnBridge(env);
    const before = startLoad({ url: first.url, groups });
    await sleep(2000);
    // With the broker gone, callbacks are answered from the spool: the bridge dies holding them.
    await killBroker();
    await sleep(3000);
    first.signal('SIGKILL');
    await first.exited;
    const sentBefore = await before.stop();
    const leftInSpool = await spooledOnDisk(env['BRIDGE_SPOOL_DIR'] ?? '');
    console.log(`[fault] bridge kill -9: ${leftInSpool} events were in the spool when the bridge died`);
    expect(leftInSpool, 'the bridge died with events in its spool').toBeGreaterThan(0);

    await startBroker();
    const second = await spawnBridge(env);
    // The same groups carry on: their new events must land after the ones the first bridge spooled.
    const lastSeq = Math.max(...sentBefore.map((callback) => callback.msgSeq));
    const after = startLoad({ url: second.url, groups, firstMsgSeq: lastSeq + 1 });
    await sleep(2000);
    const sentAfter = await after.stop();
    await waitSpoolDrained(second.url, 60_000);
    await stopBridge(second);

    const sent = [...sentBefore, ...sentAfter];
    const outcome = expectPromiseKept('bridge kill -9', sent, await readTopic(topic));
    expect(outcome.maxLatencyMs).toBeLessThan(2000);
  });
});
