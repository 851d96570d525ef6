import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src/errors.js';
import { createApp } from '../../../src/http/create-app.js';
import type { Logger } from '../../../src/logger.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import type { CallbackOutcome, CallbackRequest } from '../../../src/pipeline.js';

interface Line {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

function recordingLogger(lines: Line[]): Logger {
  const at = (level: string) => (fields: Record<string, unknown>, message: string) =>
    void lines.push({ level, fields, message });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Posts one callback through the app and returns the X-Request-Id answered and the lines logged. */
async function post(
  handle: (request: CallbackRequest) => Promise<CallbackOutcome>,
  query: string,
): Promise<{ status: number; requestId: string | null; lines: Line[] }> {
  const lines: Line[] = [];
  const app = createApp({
    callbackPath: '/cb',
    bodyLimitBytes: 1024,
    maxConcurrentRequests: 10,
    handleCallback: handle,
    readiness: { check: () => ({ ready: true, reasons: [] }) },
    metrics: createMetrics({ defaultMetrics: false }),
    logger: recordingLogger(lines),
    clock: () => new Date('2026-01-01T00:00:00Z'),
  });
  const handler = app.callback();
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/cb?${query}`, { method: 'POST', body: '{}' });
    await response.arrayBuffer();
    return { status: response.status, requestId: response.headers.get('x-request-id'), lines };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const publishFails = (request: CallbackRequest): Promise<CallbackOutcome> => {
  request.onGroupId?.('@TGS#1');
  return Promise.reject(new BridgeError('PUBLISH_FAILED', 'kafka is down'));
};

describe('http/callback-log', () => {
  it('logs a failure with Tencent’s RequestID and the group id, and answers the id as X-Request-Id', async () => {
    const id = 'c637d5f9-1d0a-4f51-acca-905a47362c3d';
    const { status, requestId, lines } = await post(publishFails, `SdkAppid=1&RequestID=${id}`);
    expect(status).toBe(503);
    expect(requestId).toBe(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('error');
    expect(lines[0]?.fields).toMatchObject({ requestId: id, groupId: '@TGS#1', code: 'PUBLISH_FAILED' });
  });

  it('logs a published callback with its request id and group id', async () => {
    const { requestId, lines } = await post((request) => {
      request.onGroupId?.('@TGS#2');
      return Promise.resolve({ kind: 'published', eventId: 'e' });
    }, 'RequestID=r-1');
    expect(requestId).toBe('r-1');
    expect(lines).toEqual([
      { level: 'debug', fields: { requestId: 'r-1', groupId: '@TGS#2', eventId: 'e' }, message: 'published' },
    ]);
  });

  it('generates a request id when Tencent sends none, and logs no group id before it is known', async () => {
    const { requestId, lines } = await post(
      () => Promise.reject(new BridgeError('UNAUTHENTICATED', 'bad Sign')),
      '',
    );
    expect(requestId).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[\da-f]{4}-[\da-f]{12}$/);
    expect(lines[0]?.fields['requestId']).toBe(requestId);
    expect(lines[0]?.fields).not.toHaveProperty('groupId');
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['not plain', 'x%0Aforged=1'],
    ['repeated', 'a&RequestID=b'],
  ])('replaces a RequestID that is %s by a generated one', async (_, value) => {
    const { requestId } = await post(publishFails, `RequestID=${value}`);
    expect(requestId).toMatch(/^[\da-f]{8}-[\da-f]{4}-4/);
  });
});
