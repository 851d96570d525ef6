import { randomUUID } from 'node:crypto';

/** What every log line about one callback carries; groupId once the callback is known to be valid. */
export interface CallbackLog {
  readonly requestId: string;
  groupId?: string;
}

interface Exchange {
  readonly state: unknown;
  set(field: string, value: string): void;
}

/** Tencent's RequestID (an undocumented UUID) is logged as is only when short and plain: it is caller input. */
const PLAIN_ID = /^[\w.:-]{1,128}$/;

/**
 * Starts the log fields of a callback: its request id is Tencent's RequestID when present, else a fresh
 * UUID, and is answered as X-Request-Id, so that a caller's report and our logs meet on one id.
 */
export function startCallbackLog(
  exchange: Exchange,
  query: Readonly<Record<string, string | string[] | undefined>>,
): CallbackLog {
  const given = query['RequestID'];
  const log: CallbackLog = {
    requestId: typeof given === 'string' && PLAIN_ID.test(given) ? given : randomUUID(),
  };
  exchange.set('X-Request-Id', log.requestId);
  (exchange.state as { callbackLog?: CallbackLog }).callbackLog = log;
  return log;
}

/** The log fields of the callback this exchange carries; empty for other requests. */
export function callbackLogOf(exchange: Pick<Exchange, 'state'>): Partial<CallbackLog> {
  return (exchange.state as { callbackLog?: CallbackLog }).callbackLog ?? {};
}
