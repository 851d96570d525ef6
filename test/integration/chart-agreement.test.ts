import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { signOf } from '../../src/callback/authenticate.js';
import { settingNames } from '../../src/config/settings.js';
import { decode } from '../../src/event/decode.js';
import type { GroupMessageSentV1 } from '../../src/event/group-message.v1.js';
import { root } from '../helm/tools.js';
import { consumeAll, createTestTopic, kafkaBrokers } from './kafka-harness.js';
import { freePort } from './support/free-port.js';
import {
  bridgeContainer,
  renderChart,
  type Probe,
  type RenderedContainer,
} from './support/rendered-container.js';

const valuesFile = join(import.meta.dirname, 'fixtures/chart-agreement-values.yaml');
const values = parse(readFileSync(valuesFile, 'utf8')) as {
  bridge: { http: { callbackPath: string }; tencent: { sdkAppIds: number[] } };
  secrets: { tencentToken: string };
};
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/**
 * `npm run build` when dist/src/main.js (what the image runs) is missing or older than a source file. Not
 * execFileSync: the build takes seconds, and a blocked worker cannot answer the test runner meanwhile.
 */
async function ensureBuilt(): Promise<void> {
  const main = join(root, 'dist/src/main.js');
  const built = statSafe(main);
  const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .map((file) => join(root, 'src', file))
    .concat(['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((file) => join(root, file)));
  if (built !== undefined && sources.every((file) => (statSafe(file) ?? 0) <= built)) return;
  await promisify(execFile)('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
}

function statSafe(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

interface BridgeProcess {
  readonly child: ChildProcess;
  readonly output: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the container's argv in its working directory with its environment, mapped to this machine: the
 * image's node (/nodejs/bin/node) is this node, and its WORKDIR (/app) is the repository root, which holds
 * the same dist/src, node_modules, package.json and schemas after a build. Nothing from this process's
 * environment leaks in, so a setting the chart forgot is missing here too.
 */
function startContainer(container: RenderedContainer, overrides: Record<string, string>): BridgeProcess {
  const [entrypoint, ...args] = container.argv;
  if (!entrypoint?.endsWith('/node')) throw new Error(`unexpected entrypoint ${container.argv.join(' ')}`);
  if (container.workingDir !== '/app')
    throw new Error(`unexpected working directory ${container.workingDir}`);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...container.env, ...overrides },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

async function statusOf(probe: Probe): Promise<number> {
  try {
    const response = await fetch(`http://127.0.0.1:${probe.port}${probe.path}`);
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Polls like the kubelet (more often), for as long as the probe's periodSeconds × failureThreshold. */
async function until200(probe: Probe, bridge: BridgeProcess): Promise<void> {
  const deadline = Date.now() + probe.budgetMs;
  while (Date.now() < deadline) {
    if (bridge.child.exitCode !== null) throw new Error(`the bridge exited:\n${bridge.output.join('')}`);
    if ((await statusOf(probe)) === 200) return;
    await sleep(100);
  }
  throw new Error(
    `${probe.path} on ${probe.port} not 200 within ${probe.budgetMs} ms:\n${bridge.output.join('')}`,
  );
}

describe('the Helm chart and the bridge agree', () => {
  let container: RenderedContainer;
  let bridge: BridgeProcess;
  let topic: string;

  beforeAll(async () => {
    await ensureBuilt();
    topic = await createTestTopic('chart-events');
    const dlq = await createTestTopic('chart-dlq');
    container = bridgeContainer(
      renderChart(valuesFile, {
        'bridge.kafka.brokers': kafkaBrokers(),
        'bridge.kafka.topic': topic,
        'bridge.kafka.dlqTopic': dlq,
        'bridge.http.port': await freePort(),
      }),
    );
    // The only override: the chart mounts an emptyDir for the spool at a path that does not exist (and
    // could not be written) outside the pod. The test broker, topics and port are chart values above.
    bridge = startContainer(container, { BRIDGE_SPOOL_DIR: mkdtempSync(join(tmpdir(), 'chart-spool-')) });
  });
  afterAll(() => {
    if (bridge.child.exitCode === null && bridge.child.signalCode === null) bridge.child.kill('SIGKILL');
  });

  it('sets only environment variables that are settings of the bridge', () => {
    expect(container.chartEnvNames.length).toBeGreaterThan(10);
    expect(container.chartEnvNames.filter((name) => !(settingNames as string[]).includes(name))).toEqual([]);
    expect(container.env['BRIDGE_TENCENT_TOKEN']).toBe(values.secrets.tencentToken);
    expect(container.env['BRIDGE_KAFKA_BROKERS']).toBe(kafkaBrokers().join(','));
  });

  it('starts within the startup probe budget and answers every probe 200 on the rendered port', async () => {
    const { startup, liveness, readiness } = container.probes;
    expect(new Set([startup.port, liveness.port, readiness.port])).toEqual(
      new Set([container.ports.get('http')]),
    );
    await until200(startup, bridge);
    expect(await statusOf(liveness)).toBe(200);
    await until200(readiness, bridge);
    // Unknown BRIDGE_ names would have stopped it with exit code 2 before listening.
    expect(bridge.output.join('')).toContain('"msg":"listening"');
  });

  it('publishes a signed callback posted to the container port and the configured callback path', async () => {
    const requestTime = String(Math.floor(Date.now() / 1000));
    const sdkAppId = String(values.bridge.tencent.sdkAppIds[0]);
    const query = new URLSearchParams({
      CallbackCommand: 'Group.CallbackAfterSendMsg',
      contenttype: 'json',
      ClientIP: '127.0.0.1',
      OptPlatform: 'RESTAPI',
      SdkAppid: sdkAppId,
      Sign: signOf(values.secrets.tencentToken, requestTime),
      RequestTime: requestTime,
    });
    const body = {
      CallbackCommand: 'Group.CallbackAfterSendMsg',
      GroupId: '@TGS#chart-agreement',
      Type: 'Public',
      From_Account: 'alice',
      Random: 1,
      MsgSeq: 7,
      MsgTime: Math.floor(Date.now() / 1000),
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello from the chart' } }],
    };
    const port = container.ports.get('http') ?? 0;
    const response = await fetch(
      `http://127.0.0.1:${port}${values.bridge.http.callbackPath}?${query.toString()}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: TRACEPARENT, tracestate: 'rojo=1' },
        body: JSON.stringify(body),
      },
    );
    expect({ status: response.status, reply: await response.json() }).toEqual({ status: 200, reply: OK });
    expect(response.headers.get('x-request-id')).toMatch(/^[\da-f-]{36}$/);

    const [record] = await consumeAll(topic, { expected: 1 });
    const event = decode(record?.value as Buffer) as GroupMessageSentV1;
    expect(record?.key?.toString()).toBe(body.GroupId);
    expect(event.source.sdkAppId).toBe(sdkAppId);
    expect(event.message.msgSeq).toBe(7);
    expect(record?.headers['traceparent']?.toString()).toBe(TRACEPARENT);
    expect(record?.headers['tracestate']?.toString()).toBe('rojo=1');
  });

  it('turns not ready on SIGTERM and exits 0 well within terminationGracePeriodSeconds', async () => {
    // The kubelet runs the preStop sleep first; SIGTERM arrives with the rest of the grace period left.
    const budgetMs = (container.terminationGracePeriodSeconds - container.preStopSleepSeconds) * 1000;
    const started = Date.now();
    bridge.child.kill('SIGTERM');
    // Not ready once the signal handler has run (on a busy machine that may take a moment), and still live:
    // the chart's shutdown.delayMs (5 s) keeps the server up meanwhile.
    let readiness = await statusOf(container.probes.readiness);
    while (readiness === 200 && Date.now() - started < 3000) {
      await sleep(50);
      readiness = await statusOf(container.probes.readiness);
    }
    expect(readiness).toBe(503);
    expect(await statusOf(container.probes.liveness)).toBe(200);
    const exit = await Promise.race([bridge.exited, sleep(budgetMs).then(() => 'timed out' as const)]);
    expect(exit, bridge.output.join('')).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(budgetMs);
  });
});
