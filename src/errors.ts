/**
 * The closed set of reasons the bridge refuses or fails a callback. Domain code throws these codes; the HTTP
 * status and Tencent-shaped reply are decided in exactly one place (src/http/reply.ts).
 */
export type ErrorCode =
  | 'UNAUTHENTICATED' // Sign/RequestTime missing, wrong or stale
  | 'FORBIDDEN_APP' // SdkAppid not in the allow-list
  | 'MALFORMED_BODY' // not JSON (forms, XML), not UTF-8, a BOM, an unsafe number, too deep
  | 'INVALID_QUERY' // query parameters missing or contradictory
  | 'INVALID_CALLBACK' // well-formed JSON that breaks the callback schema
  | 'BODY_TOO_LARGE' // over the configured body limit
  | 'OVERLOADED' // concurrency cap reached, or the spool is full
  | 'PUBLISH_FAILED' // Kafka did not acknowledge in time and there is no spool, or the spool could not write
  | 'SHUTTING_DOWN' // the bridge is draining
  | 'NOT_FOUND' // no such route
  | 'METHOD_NOT_ALLOWED'
  | 'INTERNAL'; // a bug: validated input should never fail later stages

export interface BridgeErrorOptions {
  /** JSON-pointer-like path of the first failing value, e.g. /MsgBody/0/MsgContent/Text. */
  readonly path?: string;
  /** Extra facts for the log; never rendered to the caller. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** True when retrying the same input later could succeed (Kafka down), false for bad input. */
  readonly retriable?: boolean;
  readonly cause?: unknown;
}

/** The one error type of the bridge. `message` is safe to show to the caller: no secrets, no stack. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly code: ErrorCode;
  readonly path: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly retriable: boolean;

  constructor(code: ErrorCode, message: string, options: BridgeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.details = options.details;
    this.retriable = options.retriable ?? false;
  }
}

export function isBridgeError(error: unknown): error is BridgeError {
  return error instanceof BridgeError;
}
