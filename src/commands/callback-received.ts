import { createHash } from 'node:crypto';
import type { CallbackQuery } from '../callback/query.js';
import { CALLBACK_RECEIVED_V1, type CallbackReceivedV1 } from '../event/callback-received.v1.js';
import { envelopeOf, occurrenceOf } from './source.js';

/** The subject of the event every command without an entry becomes. */
export const CALLBACK_RECEIVED_SUBJECT = 'callback-received';

/** The parsed query string, as the HTTP edge hands it over. */
export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

/**
 * A callback without a table entry, kept whole: its authenticated query (without Sign) and its body bytes
 * unread. The event id hashes the body and the delivery's RequestTime (occurrenceOf).
 */
export function toCallbackReceived(
  query: CallbackQuery,
  rawQuery: RawQuery,
  body: Uint8Array,
  receivedAt: Date,
): CallbackReceivedV1 {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  // The body alone does not tell a repeat (a friend added, removed, added again) from a redelivery.
  const context = { query, receivedAt };
  const occurrence = occurrenceOf(null, context);
  return {
    ...envelopeOf(CALLBACK_RECEIVED_V1, [query.CallbackCommand, bodyHash, occurrence], context),
    query: keptParameters(rawQuery),
    body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
  };
}

function keptParameters(rawQuery: RawQuery): Record<string, string> {
  const kept = Object.create(null) as Record<string, string>; // a parameter named __proto__ stays a parameter
  for (const [name, value] of Object.entries(rawQuery)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (name !== 'Sign' && first !== undefined) kept[name] = first;
  }
  return kept;
}
