import { Type, type TProperties, type TSchema } from '@sinclair/typebox';

/**
 * The JSON shapes the callback schemas are built from. Each carries a `description` in plain words: it is
 * what a validation error says was expected ("expected an integer from 0 to 4294967295").
 */

/** Tencent's 32-bit unsigned integers (MsgSeq, Random, MsgRandom): 2804799576 was seen in real traffic. */
export const Uint32 = Type.Integer({
  minimum: 0,
  maximum: 4294967295,
  description: 'an integer from 0 to 4294967295',
});

/**
 * The largest magnitude our event can carry in an Avro long: avsc refuses ±(2^53 - 1) itself (its
 * isSafeLong stops one short, for rounding), so 2^53 - 2.
 */
export const MAX_LONG = 9007199254740990;

/** Counts, sizes, indexes and flags: integers our event stores exactly as Avro long. */
export const SafeInteger = Type.Integer({
  minimum: -MAX_LONG,
  maximum: MAX_LONG,
  description: 'an integer from -9007199254740990 to 9007199254740990',
});

/** Unix seconds whose milliseconds (×1000, as our event stores them) are still a safe integer. */
export const UnixSeconds = Type.Integer({
  minimum: 0,
  maximum: Math.floor(Number.MAX_SAFE_INTEGER / 1000),
  description: 'an integer number of seconds since 1970 (0 to 9007199254740)',
});

export const Str = Type.String({ description: 'a string' });
export const NonEmptyStr = Type.String({ minLength: 1, description: 'a non-empty string' });
export const Num = Type.Number({ description: 'a number' });

export function Arr<T extends TSchema>(items: T) {
  return Type.Array(items, { description: 'an array' });
}

/** An object with the given documented members; members nobody documented are allowed and kept. */
export function Obj<T extends TProperties>(properties: T) {
  return Type.Object(properties, { description: 'an object' });
}
