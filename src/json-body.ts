import { BridgeError } from './errors.js';

/** Bounds on what one body may make the bridge hold and walk; each is a setting (BRIDGE_HTTP_*). */
export interface JsonBodyLimits {
  /** Deepest nesting of arrays and objects accepted. */
  readonly maxDepth: number;
  /** Most JSON values in the body: every object, array, string, number, boolean and null counts once. */
  readonly maxValues: number;
  /** Longest string, member names included, in UTF-8 bytes. */
  readonly maxStringBytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Turns the raw body bytes into a JSON value, whatever the Content-Type said (Tencent's is undocumented).
 * Refuses with MALFORMED_BODY what cannot be read exactly: a byte-order mark, NUL bytes (UTF-16 and binary
 * bodies), bytes that are not UTF-8 (overlong forms and encoded surrogates among them), text that is not
 * JSON, numbers JSON cannot carry exactly (beyond ±2^53, where JSON.parse would silently round) and strings
 * with unpaired surrogates (they cannot be encoded as UTF-8 without changing them); and what exceeds the
 * limits. The error's path is the JSON pointer of the first offending value. Duplicate keys: the last one
 * wins, as in JSON.parse; every later stage reads this one parsed value, so they cannot disagree about it.
 * Own `__proto__` members stay ordinary members (JSON.parse never sets a prototype).
 */
export function parseJsonBody(bytes: Uint8Array, limits: JsonBodyLimits): unknown {
  if (bytes.length === 0) throw malformed('the body is empty');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw malformed('the body starts with a UTF-8 byte-order mark');
  }
  // JSON text never holds a raw NUL byte; UTF-16 text of ASCII is half NULs, so name the likely cause.
  if (bytes.indexOf(0) !== -1) throw malformed('the body has NUL bytes (UTF-16?); send UTF-8 JSON');
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
  new Walk(limits).check(value, 0);
  return value;
}

/** One pass over the parsed value; the path is kept as a stack of keys and spelt out only on failure. */
class Walk {
  private values = 0;
  private readonly keys: (string | number)[] = [];

  constructor(private readonly limits: JsonBodyLimits) {}

  check(value: unknown, depth: number): void {
    if (++this.values > this.limits.maxValues) {
      throw this.fail(`the body has more than ${this.limits.maxValues} JSON values`);
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
        throw this.fail('a number cannot be represented exactly (beyond ±2^53)');
      }
    } else if (typeof value === 'string') {
      this.checkString(value, 'a string');
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= this.limits.maxDepth)
        throw this.fail(`JSON is nested deeper than ${this.limits.maxDepth} levels`);
      if (Array.isArray(value)) this.checkArray(value, depth + 1);
      else this.checkObject(value as Record<string, unknown>, depth + 1);
    }
  }

  private checkArray(array: readonly unknown[], depth: number): void {
    for (let index = 0; index < array.length; index++) {
      this.keys.push(index);
      this.check(array[index], depth);
      this.keys.pop();
    }
  }

  private checkObject(object: Record<string, unknown>, depth: number): void {
    for (const key of Object.keys(object)) {
      this.keys.push(key);
      this.checkString(key, 'a member name');
      this.check(object[key], depth);
      this.keys.pop();
    }
  }

  private checkString(text: string, what: string): void {
    if (!text.isWellFormed()) throw this.fail(`${what} has an unpaired UTF-16 surrogate`);
    const max = this.limits.maxStringBytes;
    // UTF-8 takes at least one byte and at most three per UTF-16 unit: only measure when it matters.
    if (text.length * 3 > max && (text.length > max || Buffer.byteLength(text, 'utf8') > max)) {
      throw this.fail(`${what} is longer than ${max} bytes`);
    }
  }

  private fail(message: string): BridgeError {
    return malformed(message, pointer(this.keys));
  }
}

/**
 * The JSON pointer of a value, shortened for people: member names past 40 characters and the middle of
 * paths deeper than 16 levels are elided with "…", so a hostile body cannot make the reply, the log line or
 * the dead letter's dlq-path header large.
 */
function pointer(keys: readonly (string | number)[]): string {
  const parts = keys.map((key) =>
    typeof key === 'number' ? String(key) : clip(key.replaceAll('~', '~0').replaceAll('/', '~1')),
  );
  if (parts.length > 16) parts.splice(8, parts.length - 16, `…${parts.length - 16} levels…`);
  return `/${parts.join('/')}`;
}

function clip(key: string): string {
  if (key.length <= 40) return key;
  const end = /[\uD800-\uDBFF]/.test(key.charAt(39)) ? 39 : 40; // keep pairs whole
  return `${key.slice(0, end)}…`;
}

function malformed(message: string, path?: string): BridgeError {
  return new BridgeError('MALFORMED_BODY', message, path === undefined ? {} : { path });
}
