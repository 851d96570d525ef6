import { afterAll, describe, expect, it } from 'vitest';
import { createTestTopic, killBroker, startBroker } from '../kafka-harness.js';
import {
  bridgeEnv,
  spawnBridge,
  spooledOnDisk,
  stopBridge,
  waitSpoolDrained,
  type BridgeProcess,
} from './support/bridge-process.js';
import { sleep, startLoad, testGroups } from './support/load.js';
import { expectPromiseKept, readTopic } from './support/outcome.js';

describe('faults: the bridge is killed (kill -9) with events in its spool', () => {
  const bridges: BridgeProcess[] = [];
  afterAll(async () => {
    for (const bridge of bridges) bridge.signal('SIGKILL');
    await startBroker();
  });

  it('forwards after a restart on the same spool every callback it had answered 200, in group order', async () => {
    const topic = await createTestTopic('fault-bridge-kill');
    const env = await bridgeEnv(topic);
    const groups = testGroups('bridge-kill', 20);
    const first = await spawnBridge(env);
    bridges.push(first);
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
    bridges.push(second);
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
