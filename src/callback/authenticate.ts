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
 * Tencent's callback authentication, bound to one policy: Sign = sha256(token + RequestTime) in hex,
 * RequestTime (Unix seconds) within the skew of `now`, then the SdkAppid allow-list. The check throws
 * BridgeError UNAUTHENTICATED (the message says what was wrong, never echoes the Sign or a token) or
 * FORBIDDEN_APP. The Sign is checked before anything else, so a caller without a token learns nothing about
 * our clock or our apps.
 *
 * Hex case is ignored: the Sign is compared as the 32 bytes it encodes (Tencent sends lowercase).
 *
 * Tencent signs with the current second, so the callbacks of one second share their expected Signs: the
 * last few seconds' are kept, and a second costs one sha256 per token rather than one per callback. Only
 * well-formed RequestTimes are kept, so input cannot grow this.
 */
export function createAuthenticator(policy: AuthPolicy): (query: CallbackQuery, now: Date) => void {
  const tokens = [...policy.tokens];
  const signsByTime = new Map<string, readonly Buffer[]>();

  function expectedSigns(requestTime: string, wellFormed: boolean): readonly Buffer[] {
    const known = signsByTime.get(requestTime);
    if (known !== undefined) return known;
    const signs = tokens.map((token) => signBytes(token, requestTime));
    if (wellFormed) {
      if (signsByTime.size >= REMEMBERED_SECONDS)
        signsByTime.delete(signsByTime.keys().next().value as string);
      signsByTime.set(requestTime, signs);
    }
    return signs;
  }

  return (query, now) => {
    const { Sign: sign, RequestTime: requestTime } = query;
    if (sign === undefined || sign === '') throw unauthenticated('the Sign query parameter is missing');
    if (requestTime === undefined || requestTime === '') {
      throw unauthenticated('the RequestTime query parameter is missing');
    }
    if (!SIGN.test(sign)) throw unauthenticated('the Sign is not 64 hexadecimal digits');
    const wellFormed = REQUEST_TIME.test(requestTime);
    if (!anyMatches(Buffer.from(sign, 'hex'), expectedSigns(requestTime, wellFormed))) {
      throw unauthenticated('the Sign does not match any configured token');
    }
    if (!wellFormed) throw unauthenticated('RequestTime is not a whole number of seconds');
    checkFreshness(Number(requestTime), now, policy.maxClockSkewSeconds);
    authorizeApp(query, policy.sdkAppIds);
  };
}

/** Seconds of expected Signs an authenticator keeps. */
const REMEMBERED_SECONDS = 4;

/** One check against `policy`, with nothing kept: for tools and tests. */
export function authenticate(query: CallbackQuery, policy: AuthPolicy, now: Date): void {
  createAuthenticator(policy)(query, now);
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

/** Compares against every expected Sign, without stopping at a match, so timing does not tell which one. */
function anyMatches(sign: Buffer, expected: readonly Buffer[]): boolean {
  let matched = false;
  for (const one of expected) matched = timingSafeEqual(one, sign) || matched;
  return matched;
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
