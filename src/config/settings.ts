import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * Every setting of the bridge, by its public environment name. The names are a public contract (the Helm
 * chart, config/bridge.example.env and users' deployments use them): add, never rename. Each setting has a
 * default unless the bridge cannot run without it.
 */
const port = (def: number, description: string) =>
  Type.Integer({ minimum: 0, maximum: 65535, default: def, description });
const millis = (def: number, description: string, minimum = 0) =>
  Type.Integer({ minimum, maximum: 3_600_000, default: def, description });
const list = (description: string, def: string[] = []) =>
  Type.Array(Type.String({ minLength: 1 }), { default: def, description });
const flag = (def: boolean, description: string) => Type.Boolean({ default: def, description });

export const Settings = Type.Object(
  {
    BRIDGE_HTTP_HOST: Type.String({ default: '0.0.0.0', description: 'Address the HTTP server binds to.' }),
    BRIDGE_HTTP_PORT: port(
      8080,
      'Port of the callback endpoint, /healthz, /readyz and /metrics (0: any free port).',
    ),
    BRIDGE_HTTP_CALLBACK_PATH: Type.String({
      pattern: '^/[^?#]*$',
      default: '/callbacks/tencent-im',
      description: 'Path Tencent posts callbacks to (the query string is appended by Tencent).',
    }),
    BRIDGE_HTTP_BODY_LIMIT_BYTES: Type.Integer({
      minimum: 1024,
      maximum: 16 * 1024 * 1024,
      default: 1_048_576,
      description:
        'Largest callback body accepted (413 above). The largest documented bodies are member lists: a destroyed group lists all its members (6,000 in the largest groups; we accept 10,000), about 54 bytes each with a 32-byte UserID, so 540 KB; 1 MiB leaves room for JSON escaping. A message is at most 12 KB of content.',
    }),
    BRIDGE_HTTP_MAX_JSON_DEPTH: Type.Integer({
      minimum: 8,
      maximum: 2048,
      default: 640,
      description:
        'Deepest JSON nesting accepted. Each relay (merged-forward) level nests 5 JSON levels; 640 admits the 100 relay levels clients allow, with margin.',
    }),
    BRIDGE_HTTP_MAX_JSON_VALUES: Type.Integer({
      minimum: 100,
      maximum: 1_000_000,
      default: 25_000,
      description:
        'Most JSON values in one body (objects, arrays, strings, numbers, booleans, nulls: elements and members all count). A member list item is 2 values, so the 10,000 members a body may list are 20,000; a message is a few thousand at most. 25,000 keeps margin and bounds the work a body can cause.',
    }),
    BRIDGE_HTTP_MAX_STRING_BYTES: Type.Integer({
      minimum: 1024,
      maximum: 16 * 1024 * 1024,
      default: 65_536,
      description:
        'Longest JSON string (member names included), in UTF-8 bytes. A whole Tencent message is at most 12 KB, so no real text, custom data or URL comes near 64 KiB.',
    }),
    BRIDGE_HTTP_MAX_CONCURRENT_REQUESTS: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 1024,
      description: 'Callbacks handled at once; above it the bridge answers 503 at once instead of queueing.',
    }),
    BRIDGE_HTTP_REQUEST_TIMEOUT_MS: millis(
      5000,
      'Time a client has to send a whole request (headers and body): bounds slow clients.',
      1000,
    ),
    BRIDGE_HTTP_HEADERS_TIMEOUT_MS: millis(3000, 'Time a client has to send the request headers.', 500),
    BRIDGE_HTTP_KEEP_ALIVE_TIMEOUT_MS: millis(
      65_000,
      'Idle time before a kept-alive connection is closed (Tencent keeps connections open).',
      1000,
    ),

    BRIDGE_TENCENT_AUTH: Type.Union([Type.Literal('enabled'), Type.Literal('disabled')], {
      default: 'enabled',
      description:
        'Callback authentication (Sign = sha256(token + RequestTime)). Only "disabled" turns it off, with a warning at start.',
    }),
    BRIDGE_TENCENT_TOKEN: list(
      'Secret. Authentication token(s) set in the Tencent console; a comma list accepts several during rotation.',
    ),
    BRIDGE_TENCENT_SDKAPPIDS: list('SdkAppid values accepted; callbacks of other apps get 403.'),
    BRIDGE_TENCENT_MAX_CLOCK_SKEW_SECONDS: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 60,
      description:
        "Largest difference between RequestTime and our clock (Tencent's documented replay window: 1 minute).",
    }),
    BRIDGE_TENCENT_MAX_RELAY_DEPTH: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 100,
      description: 'Deepest merged-forward (TIMRelayElem) nesting accepted; clients allow 100.',
    }),

    BRIDGE_KAFKA_BROKERS: list('Kafka bootstrap servers, host:port, comma separated.'),
    BRIDGE_KAFKA_CLIENT_ID: Type.String({
      default: 'tencent-im-kafka-bridge',
      description: 'Kafka client id.',
    }),
    BRIDGE_KAFKA_TOPIC: Type.String({
      minLength: 1,
      default: 'tencent-im.group-events.v1',
      description:
        'Topic of the per-group stream: every group event (messages, recalls, edits, members, group and topic lifecycle), key GroupId, in the order accepted.',
    }),
    BRIDGE_KAFKA_APP_TOPIC: Type.String({
      minLength: 1,
      default: 'tencent-im.app-events.v1',
      description:
        'Topic of the app stream: app-wide events and callbacks without a typed event (kept whole), key SdkAppid, no order promise.',
    }),
    BRIDGE_KAFKA_ROUTES: list(
      'Routes that send a command or a whole family to another topic, comma separated: `Command=topic` or `Family.*=topic`, e.g. `Group.CallbackOnMemberStateChange=tencent-im.presence.v1,C2C.*=tencent-im.c2c.v1`. An exact command wins over its family.',
    ),
    BRIDGE_KEEP_UNHANDLED_COMMANDS: flag(
      true,
      'Publish callbacks of commands without a typed event whole (callback-received, on the app stream) instead of answering OK and dropping them. Before-callbacks are never published.',
    ),
    BRIDGE_DLQ_TOPIC: Type.String({
      minLength: 1,
      default: 'tencent-im.group-messages.dlq',
      description: 'Dead-letter topic: authenticated callbacks that were refused, raw bytes unchanged.',
    }),
    BRIDGE_KAFKA_AUTO_CREATE_TOPICS: flag(false, 'Create missing topics at start (for development).'),
    BRIDGE_KAFKA_TOPIC_PARTITIONS: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 6,
      description: 'Partitions of topics created by BRIDGE_KAFKA_AUTO_CREATE_TOPICS.',
    }),
    BRIDGE_KAFKA_SSL: flag(false, 'Connect to Kafka over TLS.'),
    BRIDGE_KAFKA_SSL_CA_FILE: Type.String({ default: '', description: 'PEM file of the CA(s) to trust.' }),
    BRIDGE_KAFKA_SSL_CERT_FILE: Type.String({
      default: '',
      description: 'PEM client certificate (mutual TLS).',
    }),
    BRIDGE_KAFKA_SSL_KEY_FILE: Type.String({ default: '', description: 'PEM client key (mutual TLS).' }),
    BRIDGE_KAFKA_SASL_MECHANISM: Type.Union(
      [Type.Literal(''), Type.Literal('plain'), Type.Literal('scram-sha-256'), Type.Literal('scram-sha-512')],
      { default: '', description: 'SASL mechanism; empty for none.' },
    ),
    BRIDGE_KAFKA_SASL_USERNAME: Type.String({ default: '', description: 'SASL user name.' }),
    BRIDGE_KAFKA_SASL_PASSWORD: Type.String({ default: '', description: 'Secret. SASL password.' }),
    BRIDGE_KAFKA_PUBLISH_TIMEOUT_MS: millis(
      1000,
      'How long a callback waits for Kafka before its event goes to the spool (or, without a spool, gets 503). Keeps the answer well inside Tencent’s 2 s.',
      50,
    ),
    BRIDGE_KAFKA_LINGER_MS: millis(2, 'How long to gather concurrent callbacks into one produce request.'),
    BRIDGE_KAFKA_BATCH_MAX_RECORDS: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 500,
      description: 'Most records in one produce request.',
    }),
    BRIDGE_KAFKA_MAX_IN_FLIGHT_RECORDS: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      default: 10_000,
      description: 'Records waiting for Kafka at once; beyond it new events go to the spool (or get 503).',
    }),
    BRIDGE_KAFKA_MAX_IN_FLIGHT_BATCHES: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 5,
      description:
        'Produce requests in flight at once. Never two hold the same GroupId, so a retry cannot reorder a group; 1 sends one request at a time.',
    }),

    BRIDGE_SPOOL_ENABLED: flag(true, 'Keep events in a durable local spool when Kafka is slow or down.'),
    BRIDGE_SPOOL_DIR: Type.String({ default: '.spool', description: 'Folder of the spool database.' }),
    BRIDGE_SPOOL_MAX_BYTES: Type.Integer({
      minimum: 1_048_576,
      default: 1_073_741_824,
      description: 'Largest spool size; when full, callbacks get 503.',
    }),
    BRIDGE_DEDUP_WINDOW_MS: millis(
      0,
      'Drop a second copy of the same event (same eventId: for a message SdkAppid, GroupId, MsgSeq, TopicId; each schema documents its own) within this window, for Tencent retries; 0 = off. Needs the spool; per process, at most 100,000 ids.',
    ),

    BRIDGE_EVENT_FRAMING: Type.Union([Type.Literal('single-object'), Type.Literal('confluent')], {
      default: 'single-object',
      description:
        'Value framing: Avro single-object encoding (no registry needed) or the Confluent wire format (needs BRIDGE_SCHEMA_REGISTRY_URL).',
    }),
    BRIDGE_SCHEMA_REGISTRY_URL: Type.String({
      default: '',
      description: 'Confluent-compatible schema registry.',
    }),
    BRIDGE_SCHEMA_REGISTRY_USERNAME: Type.String({ default: '', description: 'Registry basic-auth user.' }),
    BRIDGE_SCHEMA_REGISTRY_PASSWORD: Type.String({
      default: '',
      description: 'Secret. Registry basic-auth password.',
    }),
    BRIDGE_SCHEMA_REGISTRY_CA_FILE: Type.String({
      default: '',
      description: 'PEM file of the CA(s) to trust for an https registry with a private CA.',
    }),
    BRIDGE_SCHEMA_REGISTRY_SUBJECT_STRATEGY: Type.Union([Type.Literal('topic'), Type.Literal('record')], {
      default: 'record',
      description:
        'Subject naming: record = <namespace>.<name>, one subject per event type (several types share the per-group topic); topic = <topic>-value, only for topics routed to carry one event type.',
    }),
    BRIDGE_SCHEMA_REGISTRY_AUTO_REGISTER: flag(
      false,
      'Register the schema at start when the subject lacks it (development). Off: the deploy pipeline registers schemas (npm run schemas:register) and the bridge refuses to start if its schema is missing.',
    ),

    BRIDGE_SHUTDOWN_DELAY_MS: millis(
      5000,
      'After SIGTERM, time between answering /readyz 503 and closing the server, so load balancers stop routing.',
    ),
    BRIDGE_SHUTDOWN_TIMEOUT_MS: millis(20_000, 'Time allowed to finish in-flight callbacks and flush.', 1000),
    BRIDGE_LOG_LEVEL: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
      { default: 'info', description: 'Log level.' },
    ),
  },
  { additionalProperties: false },
);
export type Settings = Static<typeof Settings>;
export type SettingName = keyof Settings;

/** Settings whose values are never logged or echoed. */
export const secretSettings: readonly SettingName[] = [
  'BRIDGE_TENCENT_TOKEN',
  'BRIDGE_KAFKA_SASL_PASSWORD',
  'BRIDGE_SCHEMA_REGISTRY_PASSWORD',
];

export const settingNames = Object.keys(Settings.properties) as SettingName[];

export function settingSchema(name: SettingName): TSchema {
  return Settings.properties[name];
}
