import fc from 'fast-check';

/** Mutations of callbacks for the property tests: JSON members changed at any depth, and raw bytes. */
export type Json = Record<string, unknown>;
type Container = Json | unknown[];

/** Whether the bridge refuses this value's numbers by design (beyond ±(2^53 − 1): JSON.parse may round). */
export function hasUnsafeNumber(value: unknown): boolean {
  if (typeof value === 'number')
    return !Number.isSafeInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(hasUnsafeNumber);
}

/** Every member and element of a JSON value at any depth, as (container, key) pairs, in document order. */
function slots(value: unknown, found: [Container, string | number][] = []): [Container, string | number][] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push([value, index]);
      slots(item, found);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      found.push([value as Json, key]);
      slots((value as Json)[key], found);
    }
  }
  return found;
}

/** Sets a member as an own data property, so `__proto__` is a member and never the prototype. */
function put(container: Container, key: string | number, value: unknown): void {
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

const nested = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels)) as unknown;
/** Values chosen to break types, ranges, sizes and depth, besides any JSON value. */
const hostileValue = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  fc.constantFrom(null, true, '', '123', -1, 1.5, 4294967296, 9007199254740991, {}, []),
  fc.constantFrom('x'.repeat(70_000), 'x'.repeat(300_000), nested(700), nested(100)),
  fc.constantFrom(
    Array.from({ length: 12_000 }, () => 0),
    { __proto__: null, constructor: { prototype: {} } },
  ),
);

type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'insert'; pick: number; key: string; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }),
  fc.record({
    kind: fc.constant('insert' as const),
    pick: fc.nat(),
    key: fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'GroupId', 'MsgType', 'MsgBody'),
      fc.string(),
    ),
    value: hostileValue,
  }),
);

/** Applies a mutation to a copy of `body` at the `pick`-th slot (the body itself when it has none). */
export function mutate(body: Json, change: Mutation): Json {
  const copy = JSON.parse(JSON.stringify(body)) as Json;
  const all = slots(copy);
  const [container, key] = all[change.pick % Math.max(all.length, 1)] ?? [copy, 'GroupId'];
  if (change.kind === 'delete') {
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else Reflect.deleteProperty(container, key);
  } else if (change.kind === 'replace') {
    put(container, key, change.value);
  } else {
    const target: unknown = Array.isArray(container) ? container : (container[key] ?? container);
    if (Array.isArray(target)) target.push(change.value);
    else if (typeof target === 'object' && target !== null) put(target as Json, change.key, change.value);
    else put(container, change.key, change.value);
  }
  return copy;
}

type ByteMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'splice'; at: number; bytes: Uint8Array };

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }),
  }),
);

export function mutateBytes(bytes: Buffer, change: ByteMutation): Buffer {
  const at = change.at % (bytes.length + 1);
  if (change.kind === 'truncate') return bytes.subarray(0, at);
  if (change.kind === 'splice')
    return Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at)]);
  const copy = Buffer.from(bytes);
  const index = Math.min(at, copy.length - 1);
  copy[index] = (copy[index] ?? 0) ^ change.xor;
  return copy;
}
