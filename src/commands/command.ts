import type { TObject } from '@sinclair/typebox';
import type { CallbackQuery } from '../callback/query.js';
import type { EventBase } from '../event/event.js';

/**
 * The stream an event belongs to. `group`: the per-group stream, keyed by GroupId, where a consumer reads a
 * group's life in order (BRIDGE_KAFKA_TOPIC). `app`: events about the whole app and callbacks without a
 * typed event, keyed by SdkAppid, with no order promise (BRIDGE_KAFKA_APP_TOPIC).
 */
export type Stream = 'group' | 'app';

/** What a translation may read besides the body: the query and the bridge's clock at receipt. */
export interface CallbackContext {
  readonly query: CallbackQuery;
  readonly receivedAt: Date;
}

/** Limits the pipeline passes to every body check (settings, not constants, so operators can tighten them). */
export interface BodyLimits {
  /** Deepest TIMRelayElem nesting accepted in a message body. */
  readonly maxRelayDepth: number;
}

/**
 * One entry of the command table: everything the bridge knows about one Tencent callback command. The
 * pipeline, the HTTP edge, the publisher, the encoder and the tools know entries only through this shape.
 *
 * Contract of `parse`: returns the body, typed, when it is valid; throws BridgeError INVALID_CALLBACK naming
 * the first failing path otherwise. `toEvent` is total over what `parse` returned (a throw there is a bug) and
 * lossless: what the event's schema does not model travels as JSON in it.
 */
export interface CommandEntry<Body = unknown, Event extends EventBase = EventBase> {
  /** Tencent's CallbackCommand, e.g. Group.CallbackAfterRecallMsg. */
  readonly command: string;
  /** The TypeBox schema of the body (documentation and the generated catalogue read it). */
  readonly body: TObject;
  /** `schemas/<subject>/`: the event's Avro record, all its versions. */
  readonly subject: string;
  readonly stream: Stream;
  // Methods, not function properties: their parameters are bivariant, so every entry is an AnyCommandEntry.
  parse(body: unknown, query: CallbackQuery, limits: BodyLimits): Body;
  toEvent(body: Body, context: CallbackContext): Event;
  /** The Kafka key: the GroupId for the group stream, the SdkAppid for the app stream. */
  key(event: Event): string;
  /** When it happened, in milliseconds (the record's ce_time); null when Tencent did not say. */
  occurredAt(event: Event): number | null;
}

/** Any entry, with its body and event types erased: how the table and the pipeline hold them. */
export type AnyCommandEntry = CommandEntry;

/** The event type an entry produces. */
export type EventOf<E> = E extends CommandEntry<unknown, infer Event> ? Event : never;

/** Types an entry (a function, so TypeScript infers Body and Event from `parse` and `toEvent`). */
export function defineCommand<Body, Event extends EventBase>(
  entry: CommandEntry<Body, Event>,
): CommandEntry<Body, Event> {
  return entry;
}
