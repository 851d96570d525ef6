import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpServerOptions } from '../../../src/bridge.js';
import { loadSettings } from '../../../src/config/load-config.js';
import { docExample } from './hostile-inputs.js';
import { CALLBACK_PATH, postRaw, startHostileApp } from './hostile-app.js';

const HEADERS_MS = 500;
/** Far enough above HEADERS_MS + SLACK_MS that a socket closed by the headers timeout cannot pass for this. */
const REQUEST_MS = 2500;
const KEEP_ALIVE_MS = 1000;
/**
 * Node's timeout checks run every half headers timeout here (250 ms); allow that plus scheduling on a busy
 * machine (the unit tests run next to the integration tests' brokers).
 */
const SLACK_MS = 1000;

const settings = loadSettings({
  BRIDGE_KAFKA_BROKERS: '127.0.0.1:1',
  BRIDGE_TENCENT_TOKEN: 'token',
  BRIDGE_TENCENT_SDKAPPIDS: '1400000001',
  BRIDGE_HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
  BRIDGE_HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
  BRIDGE_HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
});

/**
 * Connects, lets `behave` write (or not), and resolves with how long the server took to close the socket
 * and when it did (performance.now()).
 */
function closedAfter(
  port: number,
  behave: (socket: Socket) => void,
): Promise<{ ms: number; closedAt: number; received: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the socket open for 10 s'));
    }, 10_000);
    socket.on('connect', () => behave(socket));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(guard);
      const closedAt = performance.now();
      resolve({ ms: closedAt - started, closedAt, received });
    });
  });
}

describe('slow clients against the bridge server options (src/bridge.ts httpServerOptions)', () => {
  let app: Awaited<ReturnType<typeof startHostileApp>>;
  let port: number;
  beforeAll(async () => {
    app = await startHostileApp(httpServerOptions(settings));
    port = Number(new URL(app.url).port);
  });
  afterAll(async () => {
    await app.close();
  });

  it('checks timeouts often enough to honour them, and never lets headers outlast the request', () => {
    expect(httpServerOptions(settings)).toEqual({
      requestTimeout: REQUEST_MS,
      headersTimeout: HEADERS_MS,
      keepAliveTimeout: KEEP_ALIVE_MS,
      connectionsCheckingInterval: 250,
    });
    const defaults = httpServerOptions(
      loadSettings({ BRIDGE_KAFKA_BROKERS: 'k:1', BRIDGE_TENCENT_AUTH: 'disabled' }),
    );
    expect(defaults.connectionsCheckingInterval).toBe(1000);
    const inverted = { ...settings, BRIDGE_HTTP_HEADERS_TIMEOUT_MS: 9000 };
    expect(httpServerOptions(inverted).headersTimeout).toBe(REQUEST_MS);
  });

  it('closes a connection that sends nothing within the headers timeout', async () => {
    const { ms } = await closedAfter(port, () => undefined);
    expect(ms).toBeLessThan(HEADERS_MS + SLACK_MS);
  });

  it('closes a connection that sends its headers one byte at a time within the headers timeout', async () => {
    const head = `POST ${CALLBACK_PATH} HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(200)}`;
    let timer: NodeJS.Timeout | undefined;
    const { ms, received } = await closedAfter(port, (socket) => {
      let index = 0;
      timer = setInterval(() => {
        if (index < head.length && !socket.destroyed) socket.write(head[index++] ?? '');
      }, 20);
    });
    clearInterval(timer);
    expect(ms).toBeLessThan(HEADERS_MS + SLACK_MS);
    expect(received).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('closes a connection that sends half its body and stalls within the request timeout', async () => {
    const body = JSON.stringify(docExample());
    const { ms, received } = await closedAfter(port, (socket) => {
      socket.write(
        `POST ${CALLBACK_PATH}?${app.query('signed')} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      socket.write(body.slice(0, body.length / 2));
    });
    expect(ms).toBeLessThan(REQUEST_MS + SLACK_MS);
    expect(received).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('closes an idle kept-alive connection after the keep-alive timeout', async () => {
    const { ms, received } = await closedAfter(port, (socket) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    });
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toContain(`Keep-Alive: timeout=${KEEP_ALIVE_MS / 1000}`);
    // Node advertises the timeout and closes 1 s later itself, so a client never reuses a closing socket.
    expect(ms).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 50);
    expect(ms).toBeLessThan(KEEP_ALIVE_MS + 1000 + SLACK_MS);
  });

  it('keeps answering callbacks at once while 100 stalled clients hold sockets', async () => {
    const written: Promise<void>[] = [];
    const stalled = Array.from({ length: 100 }, () =>
      closedAfter(port, (socket) => {
        written.push(
          new Promise((resolve) =>
            socket.write(`POST ${CALLBACK_PATH} HTTP/1.1\r\nHost: x\r\n`, () => resolve()),
          ),
        );
      }),
    );
    // Every stalled client is connected and has sent its partial request before the callback goes out.
    while (written.length < stalled.length) await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all(written);
    const response = await postRaw(
      app.url,
      `${CALLBACK_PATH}?${app.query('signed')}`,
      Buffer.from(JSON.stringify(docExample())),
    );
    const answeredAt = performance.now();
    expect(response.status).toBe(200);
    const closed = await Promise.all(stalled);
    // Answered while every stalled client still held its socket: they did not hold the callback up.
    expect(answeredAt).toBeLessThan(Math.min(...closed.map((c) => c.closedAt)));
    expect(Math.max(...closed.map((c) => c.ms))).toBeLessThan(HEADERS_MS + SLACK_MS);
  });
});
