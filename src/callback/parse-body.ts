import type { TObject, Static } from '@sinclair/typebox';
import { BridgeError } from '../errors.js';
import { checkerOf, firstError, type SchemaFailure } from './schema-check.js';

/**
 * The body parser of a callback schema, compiled once: checks a parsed JSON body and returns it, typed and
 * unchanged (unknown members included). Throws BridgeError INVALID_CALLBACK whose `path` is the first failing
 * JSON pointer and whose message says what was expected there; a body's CallbackCommand, when present, must
 * be the query's.
 */
export function bodyParser<T extends TObject>(
  schema: T,
): (body: unknown, query: { readonly CallbackCommand: string }) => Static<T> {
  const checker = checkerOf(schema);
  return (body, query) => {
    if (!checker.Check(body)) throw invalidCallback(firstError(checker, body));
    const command = (body as { CallbackCommand?: unknown }).CallbackCommand;
    if (command !== undefined && command !== query.CallbackCommand) {
      throw invalidCallback({
        path: '/CallbackCommand',
        expected: `the query's CallbackCommand, ${query.CallbackCommand}`,
        missing: false,
      });
    }
    return body;
  };
}

/** INVALID_CALLBACK for a failure: "missing, expected …" or "expected …", at its path. */
export function invalidCallback(
  failure: Omit<SchemaFailure, 'missing'> & { missing?: boolean },
): BridgeError {
  const what =
    failure.missing === true ? `missing, expected ${failure.expected}` : `expected ${failure.expected}`;
  return new BridgeError('INVALID_CALLBACK', what, { path: failure.path });
}
