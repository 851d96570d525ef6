import { createTlsFetch, type FetchLike, type RegistryTls } from './tls-fetch.js';

export type { FetchLike, RegistryTls } from './tls-fetch.js';

/** Compatibility levels of the Confluent REST API. The bridge's subjects use FULL_TRANSITIVE. */
export type Compatibility =
  'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE' | 'NONE';

export interface RegistryClientOptions {
  /** Base URL of the Confluent-compatible API, e.g. `http://registry:8081` or Apicurio's `…/apis/ccompat/v7`. */
  readonly url: string;
  /** Basic auth, sent on every request when both are set; the password never appears in errors or logs. */
  readonly username?: string;
  readonly password?: string;
  /** CA, client certificate and key for an https registry (PEM); ignored when `fetch` is given. */
  readonly tls?: RegistryTls;
  /** Replaces the global fetch (tests, proxies). */
  readonly fetch?: FetchLike;
  /** Per-request budget: a registry that does not answer in time is an error, never a hang. */
  readonly timeoutMs: number;
}

/** A compatibility verdict; `messages` carries the registry's reasons when it gave any. */
export interface CompatibilityResult {
  readonly compatible: boolean;
  readonly messages: readonly string[];
}

/**
 * The subset of the Confluent Schema Registry REST API the bridge and its deploy tooling use. Schemas are
 * passed as their JSON text: the registry stores that exact text, so send the same text each time (see
 * `schemaText`) or a re-run may register a new version. Every method throws RegistryError on HTTP errors,
 * timeouts and unreachable registries.
 */
export interface RegistryClient {
  /** `POST /subjects/{subject}/versions`: registers (or finds) the schema; the registry enforces compatibility. */
  register(subject: string, schema: string): Promise<number>;
  /** `POST /subjects/{subject}`: the id of a schema already registered under the subject, undefined if none. */
  lookupSchemaId(subject: string, schema: string): Promise<number | undefined>;
  /** `GET /schemas/ids/{id}`: the schema text; cached forever once fetched, as ids are immutable. */
  getSchemaById(id: number): Promise<string>;
  /** `PUT /config/{subject}`. */
  setCompatibility(subject: string, level: Compatibility): Promise<void>;
  /** `POST /compatibility/subjects/{subject}/versions/latest`; a subject without versions accepts anything. */
  testCompatibility(subject: string, schema: string): Promise<CompatibilityResult>;
}

/** A registry request failed. `status` is the HTTP status (undefined when no answer came); no credentials. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly status: number | undefined;
  /** Confluent's `error_code` from the body, e.g. 40401 subject not found, 409 incompatible. */
  readonly errorCode: number | undefined;

  constructor(message: string, status?: number, errorCode?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.errorCode = errorCode;
  }
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const SUBJECT_NOT_FOUND = 40401;
const VERSION_NOT_FOUND = 40402; // Apicurio 2.x: a subject with a compatibility setting but no versions yet
const SCHEMA_NOT_FOUND = 40403;

/** The JSON text to register for a parsed schema: compact, keeping docs, defaults and order as written. */
export function schemaText(schemaJson: unknown): string {
  return JSON.stringify(schemaJson);
}

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const base = options.url.replace(/\/+$/, '');
  const fetchFn =
    options.fetch ?? (options.tls === undefined ? globalThis.fetch : createTlsFetch(options.tls));
  const headers: Record<string, string> = { accept: CONTENT_TYPE };
  if (options.username !== undefined && options.password !== undefined) {
    headers['authorization'] =
      `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  }
  const call = (method: string, path: string, body?: unknown) =>
    request({ fetchFn, base, headers, timeoutMs: options.timeoutMs }, method, path, body);
  const schemas = new Map<number, Promise<string>>();
  const s = encodeURIComponent;

  return {
    async register(subject, schema) {
      return idOf(await call('POST', `/subjects/${s(subject)}/versions`, { schema }), 'register');
    },
    async lookupSchemaId(subject, schema) {
      try {
        return idOf(await call('POST', `/subjects/${s(subject)}`, { schema }), 'lookup');
      } catch (error) {
        const code = error instanceof RegistryError ? error.errorCode : undefined;
        if (code === SUBJECT_NOT_FOUND || code === SCHEMA_NOT_FOUND) return undefined;
        throw error;
      }
    },
    getSchemaById(id) {
      let pending = schemas.get(id);
      if (pending === undefined) {
        pending = call('GET', `/schemas/ids/${id}`).then((body) =>
          field(body, 'schema', `/schemas/ids/${id}`),
        );
        schemas.set(id, pending);
        pending.catch(() => schemas.delete(id)); // failures are retried on the next call
      }
      return pending;
    },
    async setCompatibility(subject, level) {
      await call('PUT', `/config/${s(subject)}`, { compatibility: level });
    },
    async testCompatibility(subject, schema) {
      try {
        const body = await call(
          'POST',
          `/compatibility/subjects/${s(subject)}/versions/latest?verbose=true`,
          { schema },
        );
        const compatible = (body as { is_compatible?: unknown } | undefined)?.is_compatible;
        if (typeof compatible !== 'boolean') throw unexpected(`/compatibility/subjects/${subject}`, body);
        const messages = (body as { messages?: unknown }).messages;
        return { compatible, messages: Array.isArray(messages) ? messages.map(String) : [] };
      } catch (error) {
        const code = error instanceof RegistryError ? error.errorCode : undefined;
        if (code === SUBJECT_NOT_FOUND || code === VERSION_NOT_FOUND)
          return { compatible: true, messages: [] };
        throw error;
      }
    },
  };
}

interface Transport {
  readonly fetchFn: FetchLike;
  readonly base: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

async function request(t: Transport, method: string, path: string, body?: unknown): Promise<unknown> {
  const where = `${method} ${path}`;
  let response: Response;
  try {
    response = await t.fetchFn(`${t.base}${path}`, {
      method,
      headers: body === undefined ? t.headers : { ...t.headers, 'content-type': CONTENT_TYPE },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(t.timeoutMs),
    });
  } catch (error) {
    const why =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${t.timeoutMs} ms`
        : causeText(error);
    throw new RegistryError(`schema registry ${where} failed: ${why}`, undefined, undefined, {
      cause: error,
    });
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) {
    const { message, errorCode } = confluentError(parsed);
    throw new RegistryError(
      `schema registry ${where} answered HTTP ${response.status}${message === undefined ? '' : `: ${message}`}`,
      response.status,
      errorCode,
    );
  }
  return parsed;
}

function confluentError(body: unknown): { message: string | undefined; errorCode: number | undefined } {
  const { message, error_code: code } = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  return {
    message: typeof message === 'string' ? message.slice(0, 500) : undefined,
    errorCode: typeof code === 'number' ? code : undefined,
  };
}

function idOf(body: unknown, what: string): number {
  const id = (body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'number' || !Number.isInteger(id)) throw unexpected(what, body);
  return id;
}

function field(body: unknown, name: string, where: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string') throw unexpected(where, body);
  return value;
}

function unexpected(where: string, body: unknown): RegistryError {
  const shown = JSON.stringify(body) as string | undefined; // undefined for an empty body
  return new RegistryError(`schema registry ${where}: unexpected answer ${(shown ?? '').slice(0, 200)}`);
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/** undici hides the reason (ECONNREFUSED, a TLS failure) in `cause`. */
function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
