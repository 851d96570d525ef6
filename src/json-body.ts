import { BridgeError } from './errors.js';

export interface JsonBodyLimits {
  /** Deepest nesting of arrays and objects accepted. */
  readonly maxDepth: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Turns the raw body bytes into a JSON value, whatever the Content-Type said (Tencent's is undocumented).
 * Refuses with MALFORMED_BODY what cannot be read exactly: a byte-order mark, bytes that are not UTF-8
 * (UTF-16 bodies among them), text that is not JSON, nesting beyond the limit, numbers JSON cannot carry
 * exactly (beyond ±2^53, where JSON.parse would silently round) and strings with unpaired surrogates (they
 * cannot be encoded as UTF-8 without changing them). Duplicate keys: the last one wins, as in JSON.parse;
 * every later stage reads this one parsed value, so they cannot disagree about it.
 */
export function parseJsonBody(bytes: Uint8Array, limits: JsonBodyLimits): unknown {
  if (bytes.length === 0) throw malformed('the body is empty');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw malformed('the body starts with a UTF-8 byte-order mark');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw malformed('the body is not UTF-8 text');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed(`the body is not JSON (${(error as Error).message})`);
  }
  checkValue(value, '', 0, limits.maxDepth);
  return value;
}

function checkValue(value: unknown, path: string, depth: number, maxDepth: number): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      throw malformed(`a number cannot be represented exactly (beyond ±2^53)`, path || '/');
    }
  } else if (typeof value === 'string') {
    if (!value.isWellFormed()) throw malformed('a string has an unpaired UTF-16 surrogate', path || '/');
  } else if (typeof value === 'object' && value !== null) {
    if (depth >= maxDepth) throw malformed(`JSON is nested deeper than ${maxDepth} levels`, path || '/');
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        checkValue(value[index], `${path}/${index}`, depth + 1, maxDepth);
      }
    } else {
      for (const [key, member] of Object.entries(value)) {
        const memberPath = `${path}/${escapePointer(key)}`;
        if (!key.isWellFormed()) throw malformed('a key has an unpaired UTF-16 surrogate', memberPath);
        checkValue(member, memberPath, depth + 1, maxDepth);
      }
    }
  }
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function malformed(message: string, path?: string): BridgeError {
  return new BridgeError('MALFORMED_BODY', message, path === undefined ? {} : { path });
}
