import autocannon from 'autocannon';
import type { Callback } from './callbacks.js';

/** What one load run measured; latencies in milliseconds. */
export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  readonly non2xx: number;
  readonly total: number;
}

export interface LoadOptions {
  readonly connections: number;
  readonly durationS: number;
}

/**
 * Closed-loop saturation with autocannon: every connection sends its next callback as soon as the previous
 * answer arrived, so the rate is the server's ceiling at this concurrency. 2xx latencies only.
 */
export async function saturate(url: string, next: () => Callback, options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const callback = next();
          return { ...request, path: callback.path, body: callback.body };
        },
      },
    ],
  });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p999: result.latency.p99_9,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}
