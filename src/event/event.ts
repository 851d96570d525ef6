/**
 * What every event of the bridge has, whatever its type: the fields the record headers, the key and the
 * consumer kit read without knowing the type. Each event type (`<subject>.v<N>.ts`) extends it with a
 * literal `eventType`, so that a `switch (event.eventType)` narrows a decoded event to its type.
 */
export interface EventBase {
  /** Deterministic UUIDv5 of what identifies the occurrence (event-id.ts): deduplicate on it. */
  readonly eventId: string;
  readonly eventType: string;
  /** The schema version the event was written with. */
  readonly schemaVersion: number;
  /** When the bridge received the callback, in milliseconds. */
  readonly receivedTime: number;
  readonly source: SourceV1;
}

/** Where the callback came from: Tencent's query-string parameters, in our names. */
export interface SourceV1 {
  readonly sdkAppId: string;
  readonly callbackCommand: string;
  readonly clientIp: string | null;
  readonly optPlatform: string | null;
  readonly requestId: string | null;
}
