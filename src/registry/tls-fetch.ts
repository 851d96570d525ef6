import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** The part of `fetch` the registry client uses. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** TLS material for an https registry, PEM-encoded. */
export interface RegistryTls {
  /** Trusted CAs instead of Node's bundled ones (a private CA). */
  readonly ca?: string | Buffer;
  /** Client certificate and key, for registries that require mutual TLS. */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** Defaults to true; false only for a throw-away development registry. */
  readonly rejectUnauthorized?: boolean;
}

/**
 * A fetch over node:https carrying TLS options. Node 20's global fetch accepts none without the `undici`
 * package (not a dependency), so registries with a private CA or mutual TLS go through this instead.
 * Request bodies are strings; the whole response body is buffered (registry answers are small).
 */
export function createTlsFetch(tls: RegistryTls): FetchLike {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const req = send(
        target,
        { method: init.method ?? 'GET', headers, ...tls, ...(init.signal ? { signal: init.signal } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 500;
            const bodyless = status === 204 || status === 304; // Response refuses a body for these
            resolve(new Response(bodyless ? null : Buffer.concat(chunks), { status }));
          });
        },
      );
      req.on('error', (error) => {
        reject(init.signal?.aborted === true ? (init.signal.reason as Error) : error);
      });
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
}
