import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { createTestTopic, killBroker, startBroker } from '../kafka-harness.js';
import {
  bridgeEnv,
  cleanUpBridges,
  metricValue,
  printBridgeLogs,
  spawnBridge,
  stopBridge,
  waitSpoolDrained,
} from './support/bridge-process.js';
import { sleep, startLoad, testGroups } from './support/load.js';
import { expectPromiseKept, readTopic } from './support/outcome.js';

describe('faults: the broker is killed (kill -9) under steady load', () => {
  afterAll(async () => {
    try {
      await cleanUpBridges();
    } finally {
      await startBroker();
    }
  });

  it('keeps every callback answered 200, each group in order, and answers each within 2 s', async () => {
    const topic = await createTestTopic('fault-broker-kill');
    onTestFailed(printBridgeLogs);
    const bridge = await spawnBridge(await bridgeEnv(topic));
    const load = startLoad({ url: bridge.url, groups: testGroups('broker-kill', 20) });
    await sleep(3000);
    await killBroker();
    // Callbacks now wait out the publish timeout, then go to the spool; the broker takes 10–20 s to return.
    await sleep(2000);
    await startBroker();
    // New callbacks queue behind the spool while the forwarder drains it.
    await sleep(3000);
    const sent = await load.stop();
    const spooled = await metricValue(bridge.url, 'bridge_spooled_total');
    await waitSpoolDrained(bridge.url, 60_000);
    await stopBridge(bridge);

    const outcome = expectPromiseKept('broker kill -9', sent, await readTopic(topic));
    console.log(`[fault] broker kill -9: ${spooled} events went through the spool`);
    expect(spooled, 'the outage made the bridge spool').toBeGreaterThan(0);
    expect(outcome.refused, 'every callback was answered 200').toEqual({});
    // Tencent waits 2 s for an answer and never retries.
    expect(outcome.maxLatencyMs).toBeLessThan(2000);
  });
});
