import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signOf } from '../../../src/callback/authenticate.js';
import { startBridge, type RunningBridge } from '../../../src/bridge.js';
import { loadSettings } from '../../../src/config/load-config.js';
import { silentLogger, type Logger } from '../../../src/logger.js';
import { kafkaBrokers } from '../kafka-harness.js';

export const TEST_TOKEN = 'integration-token';
export const TEST_SDKAPPID = '1400000001';

/** The real bridge, in process, on a free loopback port, against the test broker; env overrides settings. */
export async function startTestBridge(
  env: Record<string, string>,
  options: { logger?: Logger } = {},
): Promise<RunningBridge> {
  const settings = loadSettings({
    BRIDGE_KAFKA_BROKERS: kafkaBrokers().join(','),
    BRIDGE_TENCENT_TOKEN: TEST_TOKEN,
    BRIDGE_TENCENT_SDKAPPIDS: TEST_SDKAPPID,
    BRIDGE_HTTP_HOST: '127.0.0.1',
    BRIDGE_HTTP_PORT: '0',
    BRIDGE_SPOOL_DIR: mkdtempSync(join(tmpdir(), 'bridge-spool-')),
    BRIDGE_SHUTDOWN_DELAY_MS: '0',
    ...env,
  });
  return startBridge({ settings, logger: options.logger ?? silentLogger });
}

/** The query string Tencent would append, signed now with the test token. */
export function signedQuery(query: Record<string, string> = {}, now = new Date()): string {
  const requestTime = String(Math.floor(now.getTime() / 1000));
  return new URLSearchParams({
    CallbackCommand: 'Group.CallbackAfterSendMsg',
    contenttype: 'json',
    ClientIP: '127.0.0.1',
    OptPlatform: 'RESTAPI',
    ...query,
    SdkAppid: TEST_SDKAPPID,
    Sign: signOf(TEST_TOKEN, requestTime),
    RequestTime: requestTime,
  }).toString();
}

export async function postCallback(
  bridge: RunningBridge,
  body: unknown,
  query: Record<string, string> = {},
): Promise<{ status: number; reply: unknown }> {
  const response = await fetch(`${bridge.url}/callbacks/tencent-im?${signedQuery(query)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, reply: await response.json() };
}
