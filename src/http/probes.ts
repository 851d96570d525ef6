import type Router from '@koa/router';
import type { Metrics } from '../metrics/metrics.js';

/** Whether the bridge can take traffic now, and if not, why (shown on /readyz). */
export interface Readiness {
  check(): { readonly ready: boolean; readonly reasons: readonly string[] };
}

/**
 * /healthz: the process is alive and serving (never depends on Kafka, so a Kafka outage does not restart
 * pods). /readyz: the bridge can accept callbacks now. /metrics: Prometheus text format.
 */
export function probeRoutes(router: Router, deps: { readiness: Readiness; metrics: Metrics }): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', (ctx) => {
    const { ready, reasons } = deps.readiness.check();
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not ready', reasons };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });
}
