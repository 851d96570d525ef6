// Kafka for the test run. With BRIDGE_TEST_KAFKA_BROKERS set, tests use that cluster as it is. Otherwise
// a dedicated local broker (scripts/kafka-local.sh) is started on 127.0.0.1:19092 (BRIDGE_TEST_KAFKA_PORT)
// with data in .kafka-local/test, fresh for each run, and stopped at the end. A broker that cannot start
// fails the run: integration tests are never skipped quietly.
//
// Runs of vitest in the same checkout at the same time share that broker: each run holds a lease
// (.kafka-local/test.leases/<pid>), the first one starts the broker and the last one out stops it. Another
// checkout on the same machine needs another BRIDGE_TEST_KAFKA_PORT.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    /** Bootstrap servers, comma-separated (`127.0.0.1:19092`). */
    kafkaBrokers: string;
    /** The local broker tests may stop, kill and start; null when tests use BRIDGE_TEST_KAFKA_BROKERS. */
    kafkaLocal: { port: number; dir: string } | null;
  }
}

const root = resolve(import.meta.dirname, '../..');
const script = join(root, 'scripts/kafka-local.sh');
// BRIDGE_TEST_KAFKA_PORT moves the test broker, e.g. for a second checkout on the same machine.
const port = Number(process.env['BRIDGE_TEST_KAFKA_PORT'] ?? 19092);
const name = port === 19092 ? 'test' : `test-${port}`;
const dir = join(root, '.kafka-local', name);
const leases = join(root, '.kafka-local', `${name}.leases`);
const mutex = join(root, '.kafka-local', `${name}.lock`);

/** Runs scripts/kafka-local.sh for one local broker; resolves with the last line it printed. */
export async function runKafkaLocal(
  command: 'start' | 'stop' | 'kill' | 'status',
  broker: { port: number; dir: string },
): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('bash', [script, command], {
      env: { ...process.env, KAFKA_LOCAL_PORT: String(broker.port), KAFKA_LOCAL_DIR: broker.dir },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim().split('\n').at(-1) ?? '';
  } catch (err) {
    const { stderr, message } = err as { stderr?: string; message: string };
    throw new Error(`scripts/kafka-local.sh ${command} failed: ${message}\n${stderr ?? ''}`);
  }
}

const kafkaLocal = (command: 'start' | 'stop') => runKafkaLocal(command, { port, dir });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Live leases other than ours; leases of runs that died are removed. */
function otherLeases(): number[] {
  mkdirSync(leases, { recursive: true });
  return readdirSync(leases)
    .map(Number)
    .filter((pid) => {
      if (pid === process.pid) return false;
      if (Number.isInteger(pid) && alive(pid)) return true;
      rmSync(join(leases, String(pid)), { force: true });
      return false;
    });
}

/** Serialises setup and teardown of concurrent runs (a directory is created atomically). */
async function exclusively<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(join(root, '.kafka-local'), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(mutex);
      writeFileSync(join(mutex, 'owner'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(mutex, 'owner'), 'utf8'));
      } catch {
        // just created by another run; its owner file follows
      }
      if (Number.isInteger(owner) && owner > 0 && !alive(owner))
        rmSync(mutex, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${mutex} is held by process ${owner}`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(mutex, { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env['BRIDGE_TEST_KAFKA_BROKERS'];
  if (external !== undefined && external !== '') {
    project.provide('kafkaBrokers', external);
    project.provide('kafkaLocal', null);
    return undefined;
  }

  const address = await exclusively(async () => {
    if (otherLeases().length > 0) {
      // Another run owns the broker; start is idempotent and waits until it answers.
      const running = await kafkaLocal('start');
      writeFileSync(join(leases, String(process.pid)), '');
      return running;
    }
    await kafkaLocal('stop'); // a broker left behind by a run that was killed
    rmSync(dir, { recursive: true, force: true });
    const started = await kafkaLocal('start');
    writeFileSync(join(leases, String(process.pid)), '');
    return started;
  });
  project.provide('kafkaBrokers', address);
  project.provide('kafkaLocal', { port, dir });

  return async () => {
    await exclusively(async () => {
      rmSync(join(leases, String(process.pid)), { force: true });
      if (otherLeases().length === 0) await kafkaLocal('stop');
    });
  };
}
