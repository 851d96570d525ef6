import { hash, timingSafeEqual } from 'node:crypto';
import { BridgeError } from '../errors.js';
import type { CallbackQuery } from './query.js';

/**
 * Who may call us. `tokens`: the authentication tokens set in Tencent's console; several are accepted so a
 * token can be rotated without downtime. `sdkAppIds`: the apps whose callbacks we take; empty = any app.
 * `maxClockSkewSeconds`: how far RequestTime may be from our clock, either way (Tencent documents 60 s as
 * its replay window).
 */
export interface AuthPolicy {
  readonly tokens: readonly string[];
  readonly sdkAppIds: readonly string[];
  readonly maxClockSkewSeconds: number;
}

const SIGN = /^[0-9a-fA-F]{64}$/;
const REQUEST_TIME = /^[0-9]{1,15}$/;

/**
 * Tencent's callback authentication: Sign = sha256(token + RequestTime) in hex, RequestTime (Unix seconds)
 * within the skew of `now`, then the SdkAppid allow-list. Throws BridgeError UNAUTHENTICATED (the message
 * says what was wrong, never echoes the Sign or a token) or FORBIDDEN_APP. The Sign is checked before
 * anything else, so a caller without a token learns nothing about our clock or our apps.
 *
 * Hex case is ignored: the Sign is compared as the 32 bytes it encodes (Tencent sends lowercase).
 */
export function authenticate(query: CallbackQuery, policy: AuthPolicy, now: Date): void {
  const { Sign: sign, RequestTime: requestTime } = query;
  if (sign === undefined || sign === '') throw unauthenticated('the Sign query parameter is missing');
  if (requestTime === undefined || requestTime === '') {
    throw unauthenticated('the RequestTime query parameter is missing');
  }
  if (!SIGN.test(sign)) throw unauthenticated('the Sign is not 64 hexadecimal digits');
  if (!signedByAnyToken(Buffer.from(sign, 'hex'), requestTime, policy.tokens)) {
    throw unauthenticated('the Sign does not match any configured token');
  }
  if (!REQUEST_TIME.test(requestTime)) throw unauthenticated('RequestTime is not a whole number of seconds');
  checkFreshness(Number(requestTime), now, policy.maxClockSkewSeconds);
  authorizeApp(query, policy.sdkAppIds);
}

/**
 * The SdkAppid allow-list on its own (Tencent asks every receiver to check it), for when authentication is
 * disabled: an empty list allows any app. Throws BridgeError FORBIDDEN_APP.
 */
export function authorizeApp(query: Pick<CallbackQuery, 'SdkAppid'>, sdkAppIds: readonly string[]): void {
  if (sdkAppIds.length > 0 && !sdkAppIds.includes(query.SdkAppid)) {
    throw new BridgeError('FORBIDDEN_APP', 'this SdkAppid is not in the allow-list', {
      details: { sdkAppId: query.SdkAppid },
    });
  }
}

/** Tencent's Sign for a token and RequestTime, as lowercase hex (what a signing client sends). */
export function signOf(token: string, requestTime: string): string {
  return signBytes(token, requestTime).toString('hex');
}

function signBytes(token: string, requestTime: string): Buffer {
  return hash('sha256', token + requestTime, 'buffer');
}

/** Compares against every token, without stopping at a match, so timing does not tell which one matched. */
function signedByAnyToken(sign: Buffer, requestTime: string, tokens: readonly string[]): boolean {
  let matched = false;
  for (const expected of expectedSigns(tokens, requestTime)) {
    matched = timingSafeEqual(expected, sign) || matched;
  }
  return matched;
}

/**
 * The Signs of each token for a RequestTime. Tencent signs with the current second, so the callbacks of one
 * second share them: the last few seconds' are kept (per token list), and a second costs one sha256 per
 * token rather than one per callback. Only well-formed RequestTimes are kept, so input cannot grow this.
 */
const signsByTokens = new WeakMap<readonly string[], Map<string, readonly Buffer[]>>();
const REMEMBERED_SECONDS = 4;

function expectedSigns(tokens: readonly string[], requestTime: string): readonly Buffer[] {
  let byTime = signsByTokens.get(tokens);
  if (byTime === undefined) signsByTokens.set(tokens, (byTime = new Map<string, readonly Buffer[]>()));
  const known = byTime.get(requestTime);
  if (known !== undefined) return known;
  const signs = tokens.map((token) => signBytes(token, requestTime));
  if (REQUEST_TIME.test(requestTime)) {
    if (byTime.size >= REMEMBERED_SECONDS) byTime.delete(byTime.keys().next().value as string);
    byTime.set(requestTime, signs);
  }
  return signs;
}

/**
 * Our clock in whole seconds, as RequestTime is (a callback signed at 12.9 s carries 12): 60 s old passes,
 * 61 s old does not, and the same into the future. An invalid `now` refuses rather than lets through.
 */
function checkFreshness(requestTime: number, now: Date, maxSkewSeconds: number): void {
  const age = Math.floor(now.getTime() / 1000) - requestTime;
  if (Math.abs(age) <= maxSkewSeconds) return;
  const when = Number.isNaN(age) ? 'unknown' : age > 0 ? `${age} s in the past` : `${-age} s in the future`;
  throw unauthenticated(`RequestTime is ${when}, beyond the allowed clock skew of ${maxSkewSeconds} s`, {
    requestTime,
    now: now.getTime(),
  });
}

function unauthenticated(reason: string, details?: Record<string, unknown>): BridgeError {
  return new BridgeError('UNAUTHENTICATED', reason, details === undefined ? {} : { details });
}
