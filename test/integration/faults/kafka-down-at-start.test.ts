import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { createTestTopic, startBroker, stopBroker } from '../kafka-harness.js';
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

describe('faults: the bridge starts while Kafka is down', () => {
  afterAll(async () => {
    try {
      await cleanUpBridges();
    } finally {
      await startBroker();
    }
  });

  it('answers 200 from the spool, and once Kafka starts every event arrives, each group in order', async () => {
    const topic = await createTestTopic('fault-kafka-down');
    await stopBroker();
    onTestFailed(printBridgeLogs);
    const bridge = await spawnBridge(await bridgeEnv(topic));
    const load = startLoad({ url: bridge.url, groups: testGroups('kafka-down', 20) });
    await sleep(4000);
    const spooledWhileDown = await metricValue(bridge.url, 'bridge_spool_records');
    await startBroker();
    // New callbacks keep coming while the forwarder drains what Kafka missed.
    await sleep(3000);
    const sent = await load.stop();
    await waitSpoolDrained(bridge.url, 60_000);
    const forwarded = await metricValue(bridge.url, 'bridge_spool_forwarded_total');
    await stopBridge(bridge);

    const outcome = expectPromiseKept('Kafka down at start', sent, await readTopic(topic));
    console.log(
      `[fault] Kafka down at start: ${spooledWhileDown} events spooled before Kafka started, ${forwarded} forwarded in all`,
    );
    expect(spooledWhileDown, 'callbacks were answered from the spool').toBeGreaterThan(0);
    expect(outcome.refused, 'every callback was answered 200').toEqual({});
    expect(outcome.maxLatencyMs).toBeLessThan(2000);
  });
});
