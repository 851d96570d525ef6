import { readFileSync } from 'node:fs';
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

/**
 * How long Kafka stays down. 20 s in the suite; `BRIDGE_OUTAGE_SECONDS=600` runs the ten-minute outage
 * (`BRIDGE_OUTAGE_SECONDS=600 npx vitest run --project integration test/integration/faults/kafka-outage.test.ts`).
 */
const outageSeconds = Number(process.env['BRIDGE_OUTAGE_SECONDS'] ?? '20');

function rssMiB(pid: number): number {
  const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) / 1024;
}

describe('faults: a Kafka outage under steady load', () => {
  afterAll(async () => {
    try {
      await cleanUpBridges();
    } finally {
      await startBroker();
    }
  });

  it(
    `loses nothing over a ${outageSeconds} s outage, answers every callback within 2 s, and keeps memory bounded`,
    async () => {
      const topic = await createTestTopic('fault-outage');
      onTestFailed(printBridgeLogs);
      const bridge = await spawnBridge(await bridgeEnv(topic));
      // Steady, Tencent-like load: 20 groups, each sending a callback every ~50 ms.
      const load = startLoad({ url: bridge.url, groups: testGroups('outage', 20), gapMs: 50 });
      await sleep(3000);
      const rssBefore = rssMiB(bridge.pid);
      await stopBroker();
      let rssPeak = rssBefore;
      const outageEnds = Date.now() + outageSeconds * 1000;
      while (Date.now() < outageEnds) {
        await sleep(1000);
        rssPeak = Math.max(rssPeak, rssMiB(bridge.pid));
      }
      const spooledAtEnd = await metricValue(bridge.url, 'bridge_spool_records');
      await startBroker();
      await sleep(3000);
      const sent = await load.stop();
      await waitSpoolDrained(bridge.url, 120_000 + outageSeconds * 200);
      const rssAfter = rssMiB(bridge.pid);
      await stopBridge(bridge);

      const outcome = expectPromiseKept(`${outageSeconds} s Kafka outage`, sent, await readTopic(topic));
      console.log(
        `[fault] ${outageSeconds} s outage: ${sent.length} callbacks sent, ${spooledAtEnd} in the spool when Kafka came back; ` +
          `bridge RSS ${rssBefore.toFixed(0)} MiB before, ${rssPeak.toFixed(0)} MiB peak during, ${rssAfter.toFixed(0)} MiB after`,
      );
      expect(outcome.refused, 'every callback answered 200').toEqual({});
      expect(outcome.maxLatencyMs).toBeLessThan(2000);
      expect(spooledAtEnd).toBeGreaterThan(0);
      // The spool is on disk: memory must not grow with the outage.
      expect(rssPeak - rssBefore).toBeLessThan(100);
    },
    (outageSeconds + 180) * 1000,
  );
});
