import { Type, type Static } from '@sinclair/typebox';
import { BridgeError } from '../errors.js';
import { NonEmptyStr, Str } from './json-schema.js';
import { checkerOf, firstError } from './schema-check.js';

/**
 * The query string Tencent appends to the callback URL (tencent-im-callback.md §1.2), names spelled exactly
 * as Tencent does (`SdkAppid`, `contenttype`). Order does not matter; parameters we do not know are ignored.
 * Sign and RequestTime come only when callback authentication is enabled; RequestID is undocumented.
 */
export const CallbackQuery = Type.Object({
  SdkAppid: NonEmptyStr,
  CallbackCommand: NonEmptyStr,
  contenttype: Type.Optional(Str),
  ClientIP: Type.Optional(Str),
  OptPlatform: Type.Optional(Str),
  Sign: Type.Optional(Str),
  RequestTime: Type.Optional(Str),
  RequestID: Type.Optional(Str),
});
export type CallbackQuery = Static<typeof CallbackQuery>;

const names = Object.keys(CallbackQuery.properties);
const checkQuery = checkerOf(CallbackQuery);

/**
 * Picks our parameters out of a parsed query string (as node:querystring or Koa's `ctx.query` give it). Throws BridgeError
 * INVALID_QUERY naming the parameter when one of ours is given more than once (two Signs: which one was
 * meant?), or SdkAppid or CallbackCommand is missing or empty. Unknown parameters, repeated or not, are
 * ignored.
 */
export function parseCallbackQuery(
  query: Readonly<Record<string, string | string[] | undefined>>,
): CallbackQuery {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = Object.hasOwn(query, name) ? query[name] : undefined;
    if (Array.isArray(value) && value.length > 1) {
      throw invalidQuery(name, `is given ${value.length} times; it must be given once`);
    }
    const single = Array.isArray(value) ? value[0] : value;
    if (single !== undefined) picked[name] = single;
  }
  if (checkQuery.Check(picked)) return picked;
  const failure = firstError(checkQuery, picked);
  const name = failure.path.slice(1);
  throw invalidQuery(name, failure.missing ? 'is missing' : `must be ${failure.expected}`);
}

function invalidQuery(name: string, problem: string): BridgeError {
  return new BridgeError('INVALID_QUERY', `the query parameter ${name} ${problem}`, {
    details: { parameter: name },
  });
}
