import { parse as parseQueryString } from 'node:querystring';
import type Router from '@koa/router';
import { BridgeError } from '../errors.js';
import { startCallbackLog } from './callback-log.js';
import type { AppDeps } from './create-app.js';
import { readBody } from './read-body.js';
import { OK_REPLY } from './reply.js';
import { inCallbackSpan } from './trace-context.js';

const KNOWN_COMMAND = /^[A-Z][A-Za-z0-9]{0,30}\.[A-Za-z0-9]{1,60}$/;

/**
 * POST <callbackPath>: receive → pipeline → respond. Every command Tencent sends arrives here; before-callbacks
 * are answered OK at once (an error could block users' messages), commands without a typed event once kept.
 * Above the concurrency cap, callbacks are refused at once with 503 rather than queued past Tencent's 2 s.
 */
export function callbackRoute(router: Router, deps: AppDeps): void {
  let inFlight = 0;
  router.post(deps.callbackPath, async (ctx) => {
    // Parsed once, here: Koa's ctx.query costs several times more than node:querystring. Every parameter is
    // kept (querystring keeps 1,000 by default), so a repeated Sign cannot hide behind padding; the request
    // line is bounded by the server's header size limit.
    const query = parseQueryString(ctx.querystring, '&', '=', { maxKeys: 0 });
    const log = startCallbackLog(ctx, query);
    if (inFlight >= deps.maxConcurrentRequests) {
      throw new BridgeError('OVERLOADED', `more than ${deps.maxConcurrentRequests} callbacks in progress`, {
        retriable: true,
      });
    }
    inFlight++;
    try {
      const outcome = await inCallbackSpan(ctx.headers, (traceHeaders) =>
        deps.handleCallback({
          query,
          rawQuery: ctx.querystring,
          readBody: () => readBody(ctx.req, deps.bodyLimitBytes),
          receivedAt: deps.clock(),
          traceHeaders,
          onGroupId: (groupId) => (log.groupId = groupId),
        }),
      );
      if (outcome.kind !== 'published') {
        const command = KNOWN_COMMAND.test(outcome.command) ? outcome.command : 'other';
        deps.metrics.unhandledCommands.inc({ command });
        deps.metrics.callbacks.inc({ outcome: outcome.kind, code: '' });
      } else {
        deps.metrics.callbacks.inc({ outcome: 'accepted', code: '' });
        deps.logger.debug({ ...log, eventId: outcome.eventId }, 'published');
      }
      ctx.body = OK_REPLY;
    } finally {
      inFlight--;
    }
  });
}
