import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src/errors.js';
import { createApp, type AppDeps } from '../../../src/http/create-app.js';
import { silentLogger } from '../../../src/logger.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import type { CallbackOutcome, CallbackRequest } from '../../../src/pipeline.js';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

function appWith(
  handle: (request: CallbackRequest) => Promise<CallbackOutcome>,
  overrides: Partial<AppDeps> = {},
) {
  const metrics = createMetrics({ defaultMetrics: false });
  let ready = true;
  const app = createApp({
    callbackPath: '/callbacks/tencent-im',
    bodyLimitBytes: 1024,
    maxConcurrentRequests: 10,
    handleCallback: handle,
    readiness: { check: () => ({ ready, reasons: ready ? [] : ['kafka unreachable'] }) },
    metrics,
    logger: silentLogger,
    clock: () => new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  });
  return { app, metrics, setReady: (value: boolean) => (ready = value) };
}

/** Sends one request through app.callback() on an ephemeral loopback server and returns status and JSON. */
async function send(
  app: ReturnType<typeof appWith>['app'],
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; headers: IncomingMessage['headers'] }> {
  const { createServer } = await import('node:http');
  const handler = app.callback();
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const isJson = (res.headers['content-type'] ?? '').includes('json');
          resolve({
            status: res.statusCode ?? 0,
            json: isJson ? JSON.parse(text) : text,
            headers: res.headers,
          });
        });
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('http/create-app', () => {
  it('answers Tencent OK once the pipeline has published, passing query, raw query and body through', async () => {
    let seen: { query: unknown; rawQuery: string; body: string } | undefined;
    const { app, metrics } = appWith(async (request) => {
      seen = {
        query: request.query,
        rawQuery: request.rawQuery,
        body: (await request.readBody()).toString(),
      };
      return { kind: 'published', eventId: 'e' };
    });
    const response = await send(
      app,
      'POST',
      '/callbacks/tencent-im?SdkAppid=1&CallbackCommand=X',
      '{"a":1}',
      {
        'content-type': 'text/plain',
      },
    );
    expect(response).toMatchObject({ status: 200, json: OK });
    expect(seen).toEqual({
      query: { SdkAppid: '1', CallbackCommand: 'X' },
      rawQuery: 'SdkAppid=1&CallbackCommand=X',
      body: '{"a":1}',
    });
    expect(await metrics.registry.getSingleMetricAsString('bridge_callbacks_total')).toContain(
      'bridge_callbacks_total{outcome="accepted",code=""} 1',
    );
  });

  it('passes every query parameter on, however many come before a repeated one', async () => {
    let query: CallbackRequest['query'] | undefined;
    const { app } = appWith((request) => {
      query = request.query;
      return Promise.resolve({ kind: 'ignored', command: 'X' });
    });
    // More pieces than node:querystring keeps by default (1,000): a second Sign must not be cut off.
    const path = `/callbacks/tencent-im?SdkAppid=1${'&'.repeat(1500)}&Sign=a&x=${'&'.repeat(10)}&Sign=b`;
    expect(await send(app, 'POST', path, '{}')).toMatchObject({ status: 200 });
    expect(query?.['Sign']).toEqual(['a', 'b']);
    expect(query?.['SdkAppid']).toBe('1');
  });

  it('answers OK to commands it does not handle and counts them by command', async () => {
    const { app, metrics } = appWith(() =>
      Promise.resolve({
        kind: 'ignored' as const,
        command: 'Group.CallbackBeforeSendMsg',
      }),
    );
    expect(await send(app, 'POST', '/callbacks/tencent-im', '{}')).toMatchObject({ status: 200, json: OK });
    expect(await metrics.registry.getSingleMetricAsString('bridge_unhandled_commands_total')).toContain(
      'command="Group.CallbackBeforeSendMsg"} 1',
    );
  });

  it.each([
    ['UNAUTHENTICATED', 401, 4010],
    ['FORBIDDEN_APP', 403, 4030],
    ['MALFORMED_BODY', 400, 4000],
    ['INVALID_CALLBACK', 422, 4220],
    ['PUBLISH_FAILED', 503, 5030],
  ] as const)(
    'renders %s as HTTP %i with Tencent FAIL JSON naming code and path',
    async (code, status, errorCode) => {
      const { app } = appWith(() => Promise.reject(new BridgeError(code, 'went wrong', { path: '/MsgSeq' })));
      const response = await send(app, 'POST', '/callbacks/tencent-im', '{}');
      expect(response.status).toBe(status);
      expect(response.json).toEqual({
        ActionStatus: 'FAIL',
        ErrorCode: errorCode,
        ErrorInfo: `${code} at /MsgSeq: went wrong`,
      });
    },
  );

  it('hides the cause of an unexpected error behind INTERNAL', async () => {
    const { app } = appWith(() => Promise.reject(new Error('secret stack detail')));
    const response = await send(app, 'POST', '/callbacks/tencent-im', '{}');
    expect(response).toMatchObject({ status: 500, json: { ActionStatus: 'FAIL', ErrorCode: 5000 } });
    expect(JSON.stringify(response.json)).not.toContain('secret');
  });

  it('refuses a body sent chunked past the limit with 413 while reading it, and closes the connection', async () => {
    const { app } = appWith(async (request) => {
      await request.readBody();
      return { kind: 'published', eventId: 'e' };
    });
    const response = await send(app, 'POST', '/callbacks/tencent-im', Buffer.alloc(2048, 0x20));
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 4130 });
    expect(response.headers.connection).toBe('close');
  });

  it('refuses callbacks beyond the concurrency cap at once with 503', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const { app } = appWith(
      async () => {
        entered();
        await gate;
        return { kind: 'published', eventId: 'e' };
      },
      { maxConcurrentRequests: 1 },
    );
    const { createServer } = await import('node:http');
    const handler = app.callback();
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const post = () =>
      fetch(`http://127.0.0.1:${port}/callbacks/tencent-im`, { method: 'POST', body: '{}' }).then(
        async (r) => ({
          status: r.status,
          json: await r.json(),
        }),
      );
    const first = post();
    await inside; // the first callback holds the only slot
    const second = await post();
    release();
    expect(second).toMatchObject({ status: 503, json: { ErrorCode: 5031 } });
    expect((await first).status).toBe(200);
    server.closeAllConnections();
    server.close();
  });

  it('serves /healthz always, /readyz from readiness, and /metrics in Prometheus format', async () => {
    const { app, setReady } = appWith(() => Promise.reject(new Error('unused')));
    expect(await send(app, 'GET', '/healthz')).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect(await send(app, 'GET', '/readyz')).toMatchObject({ status: 200, json: { status: 'ready' } });
    setReady(false);
    expect(await send(app, 'GET', '/readyz')).toMatchObject({
      status: 503,
      json: { status: 'not ready', reasons: ['kafka unreachable'] },
    });
    expect(await send(app, 'GET', '/healthz')).toMatchObject({ status: 200 });
    const metrics = await send(app, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.json).toContain('# TYPE bridge_http_request_duration_seconds histogram');
  });

  it('answers unknown routes 404 and wrong methods 405, both as Tencent JSON', async () => {
    const { app } = appWith(() => Promise.reject(new Error('unused')));
    expect(await send(app, 'GET', '/nope')).toMatchObject({
      status: 404,
      json: { ActionStatus: 'FAIL', ErrorCode: 4040 },
    });
    expect(await send(app, 'GET', '/callbacks/tencent-im')).toMatchObject({
      status: 405,
      json: { ActionStatus: 'FAIL', ErrorCode: 4050 },
    });
  });
});
