import { authorizeApp, createAuthenticator, type AuthPolicy } from './callback/authenticate.js';
import { parseCallbackQuery, type CallbackQuery } from './callback/query.js';
import {
  toCallbackReceived,
  CALLBACK_RECEIVED_SUBJECT,
  type RawQuery,
} from './commands/callback-received.js';
import type { AnyCommandEntry, BodyLimits } from './commands/command.js';
import { createTopicOf, type Routing } from './commands/routes.js';
import { isBeforeCommand } from './commands/before.js';
import type { EventEncoders } from './encoder.js';
import { BridgeError } from './errors.js';
import type { EventBase } from './event/event.js';
import type { EventPublisher, OutboundRecord } from './kafka/event-publisher.js';
import { parseJsonBody } from './json-body.js';
import { toDeadLetterRecord, toEventRecord } from './records.js';

/** One callback as the HTTP edge received it. */
export interface CallbackRequest {
  readonly query: RawQuery;
  readonly rawQuery: string;
  /** Reads the body; the edge enforces the size limit. Called only for commands that are published. */
  readonly readBody: () => Promise<Uint8Array>;
  readonly receivedAt: Date;
  /** Headers that carry the caller's trace on to the event record (W3C traceparent and tracestate). */
  readonly traceHeaders?: Readonly<Record<string, string>>;
  /** Told the GroupId once a group-stream callback is valid, so that the edge can log it. */
  readonly onGroupId?: (groupId: string) => void;
}

/**
 * `published`: a typed event is durable. `kept`: a command without an entry is durable whole, as a
 * callback-received event. `ignored`: answered without publishing (a before-callback, or keeping is off).
 */
export type CallbackOutcome =
  | { readonly kind: 'published'; readonly eventId: string }
  | { readonly kind: 'kept'; readonly eventId: string; readonly command: string }
  | { readonly kind: 'ignored'; readonly command: string };

export interface PipelineDeps {
  /** Authentication policy; with authentication explicitly disabled, only the SdkAppid allow-list applies. */
  readonly auth:
    | { readonly enabled: true; readonly policy: AuthPolicy }
    | { readonly enabled: false; readonly sdkAppIds: readonly string[] };
  readonly limits: BodyLimits & {
    readonly maxJsonDepth: number;
    readonly maxJsonValues: number;
    readonly maxStringBytes: number;
  };
  /** The command table (src/commands/table.ts); tests pass their own. */
  readonly commands: readonly AnyCommandEntry[];
  readonly encoders: EventEncoders;
  readonly publisher: EventPublisher;
  readonly routing: Routing;
  readonly deadLetterTopic: string;
  /** Publish commands without an entry whole (callback-received); false answers them OK and drops them. */
  readonly keepUnhandled: boolean;
  /** Told of each refused callback after its dead letter is durable. */
  readonly onDeadLetter?: (error: BridgeError) => void;
}

/** An entry bound, at build time, to its topic and encoder: what one callback of its command needs. */
interface Handler {
  readonly entry: AnyCommandEntry;
  readonly toRecord: (event: EventBase, traceHeaders?: Readonly<Record<string, string>>) => OutboundRecord;
}

/**
 * The bridge in one function: authenticate → find the command's entry → validate → normalise → encode →
 * publish. Resolves once the event is durable; throws a BridgeError for everything else. Refused input is
 * dead-lettered first.
 */
export function createCallbackPipeline(deps: PipelineDeps) {
  const jsonLimits = {
    maxDepth: deps.limits.maxJsonDepth,
    maxValues: deps.limits.maxJsonValues,
    maxStringBytes: deps.limits.maxStringBytes,
  };
  const authenticate = deps.auth.enabled
    ? createAuthenticator(deps.auth.policy)
    : appsOnly(deps.auth.sdkAppIds);
  const topicOf = createTopicOf(deps.routing);
  const handlers = bindHandlers(deps, topicOf);
  const keep = keepWhole(deps, topicOf);
  return async function handleCallback(request: CallbackRequest): Promise<CallbackOutcome> {
    const query = parseCallbackQuery(request.query);
    authenticate(query, request.receivedAt);
    const handler = handlers.get(query.CallbackCommand);
    if (handler === undefined) return keep(query, request);
    const body = await request.readBody();
    const callback: unknown = await deadLetterOnRefusal(deps, request, body, query, () =>
      handler.entry.parse(parseJsonBody(body, jsonLimits), query, deps.limits),
    );
    const event = handler.entry.toEvent(callback, { query, receivedAt: request.receivedAt });
    const record = handler.toRecord(event, request.traceHeaders);
    if (handler.entry.stream === 'group') request.onGroupId?.(record.key);
    await deps.publisher.publish(record);
    return { kind: 'published', eventId: event.eventId };
  };
}

type TopicOf = ReturnType<typeof createTopicOf>;

function bindHandlers(deps: PipelineDeps, topicOf: TopicOf): ReadonlyMap<string, Handler> {
  return new Map(
    deps.commands.map((entry): [string, Handler] => {
      const topic = topicOf(entry.command, entry.stream);
      const encoder = deps.encoders.encoderFor(entry.subject, topic);
      const toRecord: Handler['toRecord'] = (event, traceHeaders) =>
        toEventRecord(
          event,
          { topic, key: entry.key(event), occurredAt: entry.occurredAt(event), encoder },
          traceHeaders,
        );
      return [entry.command, { entry, toRecord }];
    }),
  );
}

/**
 * Commands without an entry. Before-callbacks are answered "allow" at once, their bodies unread. Any other
 * (a command of a family without entries, or one Tencent added later) is kept whole on the app stream, or,
 * with keeping turned off, answered OK and dropped.
 */
function keepWhole(deps: PipelineDeps, topicOf: TopicOf) {
  return async (query: CallbackQuery, request: CallbackRequest): Promise<CallbackOutcome> => {
    const command = query.CallbackCommand;
    if (!deps.keepUnhandled || isBeforeCommand(command)) return { kind: 'ignored', command };
    const event = toCallbackReceived(query, request.query, await request.readBody(), request.receivedAt);
    const topic = topicOf(command, 'app');
    const encoder = deps.encoders.encoderFor(CALLBACK_RECEIVED_SUBJECT, topic);
    // Keyed by its own id: kept callbacks have no order promise, so they spread over partitions and never
    // wait behind each other's produce requests (one key is one batch at a time).
    const place = { topic, key: event.eventId, occurredAt: null, encoder };
    await deps.publisher.publish(toEventRecord(event, place, request.traceHeaders));
    return { kind: 'kept', eventId: event.eventId, command };
  };
}

/** With authentication explicitly disabled: the SdkAppid allow-list only. */
function appsOnly(sdkAppIds: readonly string[]): (query: CallbackQuery) => void {
  return (query) => authorizeApp(query, sdkAppIds);
}

async function deadLetterOnRefusal<T>(
  deps: PipelineDeps,
  request: CallbackRequest,
  body: Uint8Array,
  query: CallbackQuery,
  parse: () => T,
): Promise<T> {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof BridgeError)) throw error;
    const refused = {
      body,
      rawQuery: request.rawQuery,
      sdkAppId: query.SdkAppid,
      receivedAt: request.receivedAt,
    };
    await deps.publisher.publish(toDeadLetterRecord(refused, error, deps.deadLetterTopic));
    deps.onDeadLetter?.(error);
    throw error;
  }
}
