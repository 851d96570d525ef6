import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.CallbackReceived` (schemas/callback-received/v1.avsc): a
 * callback the bridge has no typed event for, kept whole. Published to the app stream (key: SdkAppid), in
 * no order promise; `body` is the bytes as received, never parsed.
 */
export const CALLBACK_RECEIVED_V1 = 'tencent.im.callback.received';

export interface CallbackReceivedV1 extends EventBase {
  readonly eventType: typeof CALLBACK_RECEIVED_V1;
  /** Every query parameter (the first value of a repeated one), without Sign. */
  readonly query: Readonly<Record<string, string>>;
  readonly body: Buffer;
}
