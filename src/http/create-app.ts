import Koa from 'koa';
import Router from '@koa/router';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { CallbackOutcome, CallbackRequest } from '../pipeline.js';
import { callbackRoute } from './callback-route.js';
import { errorReplies, requestMetrics } from './middleware.js';
import { probeRoutes, type Readiness } from './probes.js';

export interface AppDeps {
  readonly callbackPath: string;
  readonly bodyLimitBytes: number;
  readonly maxConcurrentRequests: number;
  readonly handleCallback: (request: CallbackRequest) => Promise<CallbackOutcome>;
  readonly readiness: Readiness;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly clock: () => Date;
}

/** The HTTP edge: routes, the one error renderer and request metrics. Never listens (tests use callback()). */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = false;
  app.silent = true;
  const router = new Router();
  callbackRoute(router, deps);
  probeRoutes(router, deps);
  app.use(requestMetrics(deps.metrics, deps.callbackPath));
  app.use(errorReplies(deps.logger, deps.metrics, deps.callbackPath));
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  return app;
}
