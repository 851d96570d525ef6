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

/**
 * The smallest long avsc writes exactly: below −2^52 its zigzag encoding (2|n| − 1) no longer fits a double
 * and the value comes back with its sign flipped. No documented field is negative anyway.
 */
const MIN_LONG = -4503599627370496;

/** Counts, sizes, indexes and flags: integers our event stores exactly as Avro long. */
export const SafeInteger = Type.Integer({
  minimum: MIN_LONG,
  maximum: MAX_LONG,
  description: 'an integer from -4503599627370496 to 9007199254740990',
});

/**
 * Unix seconds whose milliseconds (×1000, as our event stores them) are a time every platform can hold: at
 * most 8.64e12 s, the end of ECMAScript's Date range (year 275760).
 */
export const UnixSeconds = Type.Integer({
  minimum: 0,
  maximum: 8_640_000_000_000,
  description: 'an integer number of seconds since 1970 (0 to 8640000000000)',
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

/**
 * Bounds from Tencent's documented limits ("Usage Limits", tencent-im-callback.md §2.4), each with a margin
 * so that a limit Tencent raises a little does not start refusing real callbacks, while a body still cannot
 * make us carry unbounded identifiers:
 * - GroupId: custom ids are under 48 bytes of printable ASCII; accepted up to 128 characters.
 * - UserID (any *_Account): at most 32 bytes; accepted up to 128 characters.
 * - TopicId: GroupId + "@TOPIC#_" + a suffix, at most 96 bytes; accepted up to 256 characters.
 * - Member lists: a destroyed group lists every member (6,000 in the largest groups); accepted up to 10,000.
 */
export const MAX_GROUP_ID = 128;
export const MAX_ACCOUNT = 128;
export const MAX_TOPIC_ID = 256;
export const MAX_MEMBERS = 10_000;

export const GroupId = Type.String({
  minLength: 1,
  maxLength: MAX_GROUP_ID,
  description: `a non-empty string of at most ${MAX_GROUP_ID} characters (a GroupId)`,
});
export const Account = Type.String({
  maxLength: MAX_ACCOUNT,
  description: `a string of at most ${MAX_ACCOUNT} characters (a UserID)`,
});
export const TopicId = Type.String({
  maxLength: MAX_TOPIC_ID,
  description: `a string of at most ${MAX_TOPIC_ID} characters (a TopicId)`,
});

/** Milliseconds; the 2023 documentation examples send a string of digits, newer ones a number. */
export const EventTime = Type.Union(
  [Type.Integer({ minimum: 0, maximum: MAX_LONG }), Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$' })],
  { description: 'an integer number of milliseconds, or one written as a string of at most 15 digits' },
);

/** A list of at most `max` items (members, ids, …). */
export function List<T extends TSchema>(items: T, max = MAX_MEMBERS) {
  return Type.Array(items, { maxItems: max, description: `an array of at most ${max} items` });
}

/** `{ "Member_Account": "<UserID>" }`, the item of every member list. */
export const Member = Obj({ Member_Account: Account });
