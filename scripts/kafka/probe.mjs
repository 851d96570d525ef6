// Readiness probe for scripts/kafka-local.sh: waits until the broker at --brokers answers a real client
// round trip (ApiVersions + Metadata through kafkajs, the client the bridge uses) and lists itself as a
// registered broker whose partitions all have a working leader. An open port is not enough: a KRaft broker
// accepts connections before it is unfenced, and leads its partitions only a moment after that.
//
//   node scripts/kafka/probe.mjs --brokers 127.0.0.1:9092 [--timeout-ms 90000] [--pid <broker pid>]
//                                [--cluster-id <the id the storage was formatted with>]
//
// Exits 0 when ready, 1 on timeout, 2 when the --pid process has exited (the broker died while starting).
import process from 'node:process';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';

const { values } = parseArgs({
  options: {
    brokers: { type: 'string' },
    'timeout-ms': { type: 'string', default: '90000' },
    pid: { type: 'string' },
    'cluster-id': { type: 'string' },
  },
});
if (values.brokers === undefined) {
  process.stderr.write('probe: --brokers is required\n');
  process.exit(64);
}
const brokers = values.brokers.split(',');
const deadline = Date.now() + Number(values['timeout-ms']);
const pid = values.pid === undefined ? undefined : Number(values.pid);
const clusterId = values['cluster-id'];

function alive(p) {
  try {
    process.kill(p, 0);
    return true;
  } catch {
    return false;
  }
}

const kafka = new kafkajs.Kafka({
  clientId: 'kafka-local-probe',
  brokers,
  connectionTimeout: 1000,
  requestTimeout: 3000,
  retry: { retries: 0 },
  logLevel: kafkajs.logLevel.NOTHING,
});

let lastError = 'no attempt yet';
while (Date.now() < deadline) {
  if (pid !== undefined && !alive(pid)) {
    process.stderr.write(`probe: broker process ${pid} exited\n`);
    process.exit(2);
  }
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null) {
      throw new Error(`metadata lists ${cluster.brokers.length} broker(s), controller ${cluster.controller}`);
    }
    if (clusterId !== undefined && cluster.clusterId !== clusterId) {
      throw new Error(
        `${brokers.join(',')} is cluster ${cluster.clusterId}, not ${clusterId}: another broker?`,
      );
    }
    // After a restart the broker registers before it leads its partitions again: ready means every
    // existing partition answers ListOffsets from its leader.
    for (const topic of await admin.listTopics()) await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    process.exit(0);
  } catch (err) {
    lastError = err instanceof Error ? err.message : String(err);
  }
  await admin.disconnect().catch(() => undefined);
  await sleep(500);
}
process.stderr.write(`probe: ${brokers.join(',')} not ready: ${lastError}\n`);
process.exit(1);
