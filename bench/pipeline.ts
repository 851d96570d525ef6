import { SCHEMAS_DIR } from '../src/bridge.js';
import { createAuthenticator, signOf } from '../src/callback/authenticate.js';
import { parseAfterSendMsg, type AfterSendMsg } from '../src/callback/after-send-msg.js';
import { loadSettings } from '../src/config/load-config.js';
import { parseCallbackQuery, type CallbackQuery } from '../src/callback/query.js';
import { createEventCodec } from '../src/event/codec.js';
import { loadSchemas } from '../src/event/schemas.js';
import { toGroupMessageEvent } from '../src/event/to-group-message-event.js';
import type { GroupMessageSentV1 } from '../src/event/group-message.v1.js';
import { parseJsonBody } from '../src/json-body.js';
import { loadCallbackFixtures } from '../test/fixtures/callbacks/load-callback-fixtures.js';

/** µs per callback, averaged over the fixture mix (each fixture once per pass); medians of several rounds. */
export interface PipelineResult {
  /** parseJsonBody + parseAfterSendMsg + toGroupMessageEvent + codec.encode, chained (lower of two runs). */
  readonly usPerCallback: number;
  /** Each stage alone; `jsonParseOnly` (UTF-8 decode + JSON.parse, nothing else) is the floor of `parse`. */
  readonly stages: Readonly<
    Record<'parse' | 'validate' | 'normalise' | 'encode' | 'authenticate' | 'jsonParseOnly', number>
  >;
  readonly fixtures: number;
}

const ROUNDS = 9;
const WARMUP_MS = 1000;
const ROUND_MS = 150;
/** The limits the bridge runs with by default. */
const defaults = loadSettings({
  BRIDGE_KAFKA_BROKERS: '127.0.0.1:9',
  BRIDGE_TENCENT_TOKEN: 'unused',
  BRIDGE_TENCENT_SDKAPPIDS: '1',
});
const JSON_LIMITS = {
  maxDepth: defaults.BRIDGE_HTTP_MAX_JSON_DEPTH,
  maxValues: defaults.BRIDGE_HTTP_MAX_JSON_VALUES,
  maxStringBytes: defaults.BRIDGE_HTTP_MAX_STRING_BYTES,
};
const CALLBACK_LIMITS = { maxRelayDepth: defaults.BRIDGE_TENCENT_MAX_RELAY_DEPTH };
const TOKEN = 'bench-token';
const utf8 = new TextDecoder();

/** In-process micro benchmark of the CPU work the bridge does per callback, for the realistic fixtures. */
export function benchmarkPipeline(): PipelineResult {
  const codec = createEventCodec(loadSchemas(SCHEMAS_DIR));
  const now = new Date();
  const requestTime = String(Math.floor(now.getTime() / 1000));
  const inputs = loadCallbackFixtures().map((fixture) => {
    const query = parseCallbackQuery({
      ...fixture.query,
      RequestTime: requestTime,
      Sign: signOf(TOKEN, requestTime),
    });
    const bytes = Buffer.from(JSON.stringify(fixture.body));
    const callback = parseAfterSendMsg(parseJsonBody(bytes, JSON_LIMITS), query, CALLBACK_LIMITS);
    return { query, bytes, callback, event: toGroupMessageEvent(callback, query, now) };
  });
  const authenticate = createAuthenticator({ tokens: [TOKEN], sdkAppIds: [], maxClockSkewSeconds: 60 });
  const chained = (query: CallbackQuery, bytes: Buffer) =>
    codec.encode(
      toGroupMessageEvent(
        parseAfterSendMsg(parseJsonBody(bytes, JSON_LIMITS), query, CALLBACK_LIMITS),
        query,
        now,
      ),
    );
  const first = measure(inputs, ({ query, bytes }) => chained(query, bytes));
  const stages = {
    parse: measure(inputs, ({ bytes }) => parseJsonBody(bytes, JSON_LIMITS)),
    validate: measure(inputs, ({ query, callback }) => parseAfterSendMsg(callback, query, CALLBACK_LIMITS)),
    normalise: measure(inputs, ({ query, callback }) => toGroupMessageEvent(callback, query, now)),
    encode: measure(inputs, ({ event }) => codec.encode(event)),
    authenticate: measure(inputs, ({ query }) => {
      authenticate(query, now);
    }),
    jsonParseOnly: measure(inputs, ({ bytes }) => JSON.parse(utf8.decode(bytes))),
  };
  // Chained once before the stages and once after: other processes on a shared machine inflate one median
  // now and then; the lower is closer to what the code costs.
  const last = measure(inputs, ({ query, bytes }) => chained(query, bytes));
  return { usPerCallback: Math.min(first, last), stages, fixtures: inputs.length };
}

interface Input {
  readonly query: CallbackQuery;
  readonly bytes: Buffer;
  readonly callback: AfterSendMsg;
  readonly event: GroupMessageSentV1;
}

let sink: unknown;

/**
 * Median over rounds of µs per call of `work`, each round passing over every input as often as fits in
 * ROUND_MS. Warm-up runs first for WARMUP_MS, so V8 has tiered the code up before anything is timed.
 */
function measure(inputs: readonly Input[], work: (input: Input) => unknown): number {
  const pass = () => {
    for (const input of inputs) sink = work(input);
  };
  const warmupEnd = performance.now() + WARMUP_MS;
  let passes = 0;
  while (performance.now() < warmupEnd) {
    pass();
    passes++;
  }
  const passesPerRound = Math.max(1, Math.round((passes * ROUND_MS) / WARMUP_MS));
  const perRound: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < passesPerRound; i++) pass();
    perRound.push(((performance.now() - start) * 1000) / (passesPerRound * inputs.length));
  }
  perRound.sort((a, b) => a - b);
  return perRound[Math.floor(perRound.length / 2)] ?? NaN;
}

export function lastSink(): unknown {
  return sink;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) console.log(benchmarkPipeline());
