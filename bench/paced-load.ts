import { Agent, request } from 'node:http';
import type { Callback } from './callbacks.js';
import type { LoadOptions, LoadResult } from './load.js';

const TICK_MS = 1;

/**
 * Open-loop load at a fixed rate, wrk2-style: callbacks are due at evenly spaced instants whatever the
 * server does, and each latency is counted from the instant it was due, so time spent queued behind a slow
 * answer is counted (no coordinated omission). At most `connections` are open; a due callback waits for a
 * free one. (autocannon's overallRate releases each connection's quota in a burst at the top of every
 * second, which measures saturation latency again, hence this.)
 */
export async function pacedLoad(
  url: string,
  next: () => Callback,
  options: LoadOptions & { readonly rate: number },
): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  const start = performance.now();
  const end = start + options.durationS * 1000;
  let pending = 0;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));

  function send(dueAt: number): void {
    const callback = next();
    pending++;
    const settle = (ok: boolean, status: number) => {
      pending--;
      if (!ok) errors++;
      else if (status < 200 || status > 299) non2xx++;
      else latencies.push(performance.now() - dueAt);
      if (pending === 0 && performance.now() >= end) finished();
    };
    const call = request(
      {
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: callback.path,
        agent,
        timeout: 10_000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(callback.body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => settle(true, response.statusCode ?? 0));
        response.on('error', () => settle(false, 0));
      },
    );
    call.on('timeout', () => call.destroy(new Error('timeout')));
    call.on('error', () => settle(false, 0));
    call.end(callback.body);
  }

  const interval = 1000 / options.rate;
  const timer = setInterval(() => {
    const now = Math.min(performance.now(), end);
    while (start + sent * interval <= now) send(start + sent++ * interval);
    if (performance.now() >= end) {
      clearInterval(timer);
      if (pending === 0) finished();
    }
  }, TICK_MS);
  await done;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    rps: latencies.length / options.durationS,
    p50: at(0.5),
    p99: at(0.99),
    p999: at(0.999),
    errors,
    non2xx,
    total: sent,
  };
}
