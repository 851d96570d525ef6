import { createServer, request as httpRequest, type Agent, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signOf } from '../../../src/callback/authenticate.js';
import { SCHEMAS_DIR } from '../../../src/bridge.js';
import { settingSchema, type SettingName } from '../../../src/config/settings.js';
import { COMMANDS } from '../../../src/commands/table.js';
import { singleObjectEncoders } from '../../../src/encoder.js';
import { loadSchemas } from '../../../src/event/schemas.js';
import { createApp } from '../../../src/http/create-app.js';
import type { EventPublisher, OutboundRecord } from '../../../src/kafka/event-publisher.js';
import { silentLogger } from '../../../src/logger.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { createCallbackPipeline } from '../../../src/pipeline.js';

export const TOKEN = 'hostile-token';
export const SDKAPPID = '1400000001';
export const CALLBACK_PATH = '/callbacks/tencent-im';
export const EVENTS = 'events';
export const DEAD_LETTERS = 'dead-letters';
export const APP_EVENTS = 'app-events';
const NOW = new Date('2026-01-01T00:00:00Z');

/** A publisher that keeps every record it was given, in order; `clear()` forgets them. */
export function recordingPublisher(): EventPublisher & { records: OutboundRecord[]; clear(): void } {
  const records: OutboundRecord[] = [];
  return {
    records,
    publish: (record) => {
      records.push(record);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
    clear: () => records.splice(0),
  };
}

/** The shipped default of a numeric setting: the hostile tests run against what users get. */
export function defaultOf(name: SettingName): number {
  return (settingSchema(name) as { default: number }).default;
}

/**
 * The real HTTP app and the real pipeline (authentication on, real Avro codec, limits at their defaults)
 * with a recording publisher, listening on a loopback port with `serverOptions` (e.g. the bridge's
 * timeouts). The clock is fixed; `query()` signs for it.
 */
export async function startHostileApp(serverOptions: ServerOptions = {}) {
  const publisher = recordingPublisher();
  const handleCallback = createCallbackPipeline({
    auth: {
      enabled: true,
      policy: { tokens: [TOKEN], sdkAppIds: [SDKAPPID], maxClockSkewSeconds: 60 },
    },
    limits: {
      maxJsonDepth: defaultOf('BRIDGE_HTTP_MAX_JSON_DEPTH'),
      maxJsonValues: defaultOf('BRIDGE_HTTP_MAX_JSON_VALUES'),
      maxStringBytes: defaultOf('BRIDGE_HTTP_MAX_STRING_BYTES'),
      maxRelayDepth: defaultOf('BRIDGE_TENCENT_MAX_RELAY_DEPTH'),
    },
    commands: COMMANDS,
    encoders: singleObjectEncoders(loadSchemas(SCHEMAS_DIR)),
    publisher,
    routing: { group: EVENTS, app: APP_EVENTS, routes: [] },
    deadLetterTopic: DEAD_LETTERS,
    keepUnhandled: true,
  });
  const app = createApp({
    callbackPath: CALLBACK_PATH,
    bodyLimitBytes: defaultOf('BRIDGE_HTTP_BODY_LIMIT_BYTES'),
    maxConcurrentRequests: defaultOf('BRIDGE_HTTP_MAX_CONCURRENT_REQUESTS'),
    handleCallback,
    readiness: { check: () => ({ ready: true, reasons: [] }) },
    metrics: createMetrics({ defaultMetrics: false }),
    logger: silentLogger,
    clock: () => NOW,
  });
  const handler = app.callback();
  const server = createServer(serverOptions, (req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    publisher,
    url: `http://127.0.0.1:${port}`,
    query: (auth: Auth, overrides: Record<string, string> = {}) => signedQuery(auth, NOW, overrides),
    close: () => closeServer(server),
  };
}

export type Auth = 'signed' | 'wrong-sign' | 'unsigned';

/** The query Tencent appends, signed (or not) for `now`; overrides replace or add parameters. */
export function signedQuery(
  auth: Auth,
  now: Date,
  overrides: Record<string, string> = {},
  token = TOKEN,
  sdkAppId = SDKAPPID,
): string {
  const requestTime = String(Math.floor(now.getTime() / 1000));
  const query: Record<string, string> = {
    SdkAppid: sdkAppId,
    CallbackCommand: 'Group.CallbackAfterSendMsg',
    contenttype: 'json',
    ClientIP: '127.0.0.1',
    OptPlatform: 'RESTAPI',
  };
  if (auth !== 'unsigned') {
    query['RequestTime'] = requestTime;
    query['Sign'] = auth === 'signed' ? signOf(token, requestTime) : signOf('not-the-token', requestTime);
  }
  return new URLSearchParams({ ...query, ...overrides }).toString();
}

export interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly elapsedMs: number;
}

/**
 * POSTs bytes exactly as given (no Content-Type unless in `headers`); `chunked` sends them without a
 * Content-Length, in 64 KiB chunks. Resolves with the response even when the server closes the connection
 * before the whole body was sent (as it does for a 413); rejects after `timeoutMs`.
 */
export function postRaw(
  url: string,
  path: string,
  body: Buffer,
  options: { headers?: Record<string, string>; chunked?: boolean; agent?: Agent; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const started = performance.now();
  const headers = { ...options.headers };
  if (options.chunked !== true) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: 'POST', headers, agent: options.agent ?? false });
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)),
      options.timeoutMs ?? 10_000,
    );
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          elapsedMs: performance.now() - started,
        });
      });
    });
    req.on('error', (error) => {
      if (answered) return;
      clearTimeout(timer);
      reject(error);
    });
    if (options.chunked === true) {
      for (let offset = 0; offset < body.length; offset += 65_536)
        req.write(body.subarray(offset, offset + 65_536));
    } else if (body.length > 0) req.write(body);
    req.end();
  });
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
