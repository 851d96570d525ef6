import { authorizeApp, createAuthenticator, type AuthPolicy } from './callback/authenticate.js';
import { parseAfterSendMsg, AFTER_SEND_MSG } from './callback/after-send-msg.js';
import { parseCallbackQuery, type CallbackQuery } from './callback/query.js';
import { BridgeError } from './errors.js';
import { toGroupMessageEvent } from './event/to-group-message-event.js';
import type { EventPublisher } from './kafka/event-publisher.js';
import { parseJsonBody } from './json-body.js';
import { toDeadLetterRecord, toEventRecord, type EventEncoder } from './records.js';

/** One callback as the HTTP edge received it. */
export interface CallbackRequest {
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawQuery: string;
  /** Reads the body; the edge enforces the size limit. Called only for handled commands. */
  readonly readBody: () => Promise<Uint8Array>;
  readonly receivedAt: Date;
  /** Headers that carry the caller's trace on to the event record (W3C traceparent and tracestate). */
  readonly traceHeaders?: Readonly<Record<string, string>>;
  /** Told the GroupId once the callback is valid, so that the edge can log it. */
  readonly onGroupId?: (groupId: string) => void;
}

export type CallbackOutcome =
  | { readonly kind: 'published'; readonly eventId: string }
  | { readonly kind: 'ignored'; readonly command: string };

export interface PipelineDeps {
  /** Authentication policy; with authentication explicitly disabled, only the SdkAppid allow-list applies. */
  readonly auth:
    | { readonly enabled: true; readonly policy: AuthPolicy }
    | { readonly enabled: false; readonly sdkAppIds: readonly string[] };
  readonly limits: {
    readonly maxJsonDepth: number;
    readonly maxJsonValues: number;
    readonly maxStringBytes: number;
    readonly maxRelayDepth: number;
  };
  readonly encoder: EventEncoder;
  readonly publisher: EventPublisher;
  readonly topics: { readonly events: string; readonly deadLetters: string };
  /** Told of each refused callback after its dead letter is durable. */
  readonly onDeadLetter?: (error: BridgeError) => void;
}

/**
 * The bridge in one function: authenticate → validate → normalise → encode → publish. Resolves once the
 * event is durable; throws a BridgeError for everything else. Refused input is dead-lettered first.
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
  return async function handleCallback(request: CallbackRequest): Promise<CallbackOutcome> {
    const query = parseCallbackQuery(request.query);
    authenticate(query, request.receivedAt);
    if (query.CallbackCommand !== AFTER_SEND_MSG) return { kind: 'ignored', command: query.CallbackCommand };
    const body = await request.readBody();
    const callback = await deadLetterOnRefusal(deps, request, body, query, () =>
      parseAfterSendMsg(parseJsonBody(body, jsonLimits), query, deps.limits),
    );
    const event = toGroupMessageEvent(callback, query, request.receivedAt);
    request.onGroupId?.(event.message.groupId);
    await deps.publisher.publish(
      toEventRecord(event, deps.encoder, deps.topics.events, request.traceHeaders),
    );
    return { kind: 'published', eventId: event.eventId };
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
    await deps.publisher.publish(toDeadLetterRecord(refused, error, deps.topics.deadLetters));
    deps.onDeadLetter?.(error);
    throw error;
  }
}
