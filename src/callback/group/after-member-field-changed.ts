import { Type, type Static } from '@sinclair/typebox';
import { Account, EventTime, GroupId, MAX_ACCOUNT, Obj, Str } from '../json-schema.js';
import { bodyParser, invalidCallback } from '../parse-body.js';

/**
 * `Group.CallbackAfterMemberFieldChanged` (callbacks-all reference §2.8, §3.25): a member's role (admin set
 * or revoked) or name card changed. The member is `Modified_Account` in the Chinese documentation and the
 * Java SDK, `Member_Account` in the international one: both are accepted, and one of them is required (the
 * event is about that member). Whether an unchanged Role or NameCard is left out is not documented.
 */
export const AfterMemberFieldChanged = Obj({
  CallbackCommand: Type.Optional(Str),
  GroupId,
  Type: Type.Optional(Str),
  Operator_Account: Type.Optional(Account),
  Modified_Account: Type.Optional(Account),
  Member_Account: Type.Optional(Account),
  Role: Type.Optional(Str),
  NameCard: Type.Optional(Str),
  EventTime: Type.Optional(EventTime),
});
export type AfterMemberFieldChanged = Static<typeof AfterMemberFieldChanged>;

/** The documented members of a body that has both names: Modified_Account names the member, not this. */
export const DocumentedWhenBothNames = Type.Omit(AfterMemberFieldChanged, ['Member_Account']);

/** A body that names its member by Modified_Account, or else by Member_Account. */
export type MemberFieldChanged =
  | (AfterMemberFieldChanged & { readonly Modified_Account: string })
  | (AfterMemberFieldChanged & { readonly Modified_Account?: never; readonly Member_Account: string });

const checkBody = bodyParser(AfterMemberFieldChanged);

/**
 * Checks a body against AfterMemberFieldChanged and that it names its member; returns it unchanged. Throws
 * BridgeError INVALID_CALLBACK at the first failing path, or at /Modified_Account when neither name is there.
 */
export function parseAfterMemberFieldChanged(
  body: unknown,
  query: { readonly CallbackCommand: string },
): MemberFieldChanged {
  const checked = checkBody(body, query);
  if (namesItsMember(checked)) return checked;
  throw invalidCallback({
    path: '/Modified_Account',
    expected: `a string of at most ${MAX_ACCOUNT} characters (a UserID), here or in Member_Account`,
    missing: true,
  });
}

function namesItsMember(body: AfterMemberFieldChanged): body is MemberFieldChanged {
  return body.Modified_Account !== undefined || body.Member_Account !== undefined;
}
