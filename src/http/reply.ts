import type { ErrorCode } from '../errors.js';

/** Tencent's answer shape: HTTP 200 with this body is the only answer Tencent counts as a success. */
export interface TencentReply {
  readonly ActionStatus: 'OK' | 'FAIL';
  readonly ErrorCode: number;
  readonly ErrorInfo: string;
}

export const OK_REPLY: TencentReply = Object.freeze({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });

/**
 * Each error code's HTTP status and the non-zero ErrorCode in the reply body (HTTP status × 10 + a
 * sequence, so the two always agree). The one table that decides statuses: domain code never does.
 */
const replies: Readonly<Record<ErrorCode, { status: number; errorCode: number }>> = {
  MALFORMED_BODY: { status: 400, errorCode: 4000 },
  INVALID_QUERY: { status: 400, errorCode: 4001 },
  UNAUTHENTICATED: { status: 401, errorCode: 4010 },
  FORBIDDEN_APP: { status: 403, errorCode: 4030 },
  NOT_FOUND: { status: 404, errorCode: 4040 },
  METHOD_NOT_ALLOWED: { status: 405, errorCode: 4050 },
  BODY_TOO_LARGE: { status: 413, errorCode: 4130 },
  INVALID_CALLBACK: { status: 422, errorCode: 4220 },
  INTERNAL: { status: 500, errorCode: 5000 },
  PUBLISH_FAILED: { status: 503, errorCode: 5030 },
  OVERLOADED: { status: 503, errorCode: 5031 },
  SHUTTING_DOWN: { status: 503, errorCode: 5032 },
};

export function statusOf(code: ErrorCode): number {
  return replies[code].status;
}

/** `ErrorInfo` names the code and, when known, the first failing path, in words a person can act on. */
export function failReply(code: ErrorCode, message: string, path?: string): TencentReply {
  const where = path === undefined ? '' : ` at ${path}`;
  return {
    ActionStatus: 'FAIL',
    ErrorCode: replies[code].errorCode,
    ErrorInfo: `${code}${where}: ${message}`,
  };
}
