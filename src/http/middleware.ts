import type { Middleware } from 'koa';
import { BridgeError, type ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { callbackLogOf } from './callback-log.js';
import { failReply, statusOf } from './reply.js';

/**
 * The one place errors become replies: every failure is answered with Tencent's JSON shape and an HTTP
 * status from the code table. 5xx are logged as errors with the cause; 4xx as warnings without the body.
 */
export function errorReplies(logger: Logger, metrics: Metrics, callbackPath: string): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new BridgeError('NOT_FOUND', 'no such route');
    } catch (caught) {
      const error = toBridgeError(caught);
      ctx.status = statusOf(error.code);
      ctx.body = failReply(error.code, error.message, error.path);
      if (error.code === 'BODY_TOO_LARGE') ctx.set('Connection', 'close');
      if (ctx.path === callbackPath) metrics.callbacks.inc({ outcome: 'refused', code: error.code });
      const fields = {
        ...callbackLogOf(ctx),
        status: ctx.status,
        code: error.code,
        path: error.path,
        route: ctx.path,
        ...error.details,
      };
      if (ctx.status >= 500) logger.error({ ...fields, err: error.cause ?? error }, error.message);
      else logger.warn(fields, error.message);
    }
  };
}

function toBridgeError(caught: unknown): BridgeError {
  if (caught instanceof BridgeError) return caught;
  const status = (caught as { status?: unknown }).status;
  const known: Partial<Record<number, ErrorCode>> = {
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    501: 'METHOD_NOT_ALLOWED',
  };
  const code = typeof status === 'number' ? known[status] : undefined;
  if (code) return new BridgeError(code, code === 'NOT_FOUND' ? 'no such route' : 'method not allowed');
  return new BridgeError('INTERNAL', 'internal error', { cause: caught });
}

/** Request duration by route; the route label is the matched route, never the raw URL (bounded labels). */
export function requestMetrics(metrics: Metrics, callbackPath: string): Middleware {
  const routes = new Set([callbackPath, '/healthz', '/readyz', '/metrics']);
  return async (ctx, next) => {
    const end = metrics.httpRequestDuration.startTimer();
    try {
      await next();
    } finally {
      end({
        route: routes.has(ctx.path) ? ctx.path : 'other',
        method: ctx.method,
        status: String(ctx.status),
      });
    }
  };
}
