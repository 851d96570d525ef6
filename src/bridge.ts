import { existsSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Settings } from './config/settings.js';
import { CALLBACK_RECEIVED_SUBJECT } from './commands/callback-received.js';
import { subjectUses, type Routing } from './commands/routes.js';
import { COMMANDS } from './commands/table.js';
import { loadSchemas } from './event/schemas.js';
import { createEncoders } from './encoder.js';
import { createApp } from './http/create-app.js';
import type { EventPublisher } from './kafka/event-publisher.js';
import { createKafkaPublisher, type KafkaPublisher } from './kafka/kafka-publisher.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { publisherMetrics } from './metrics/adapters.js';
import { createCallbackPipeline } from './pipeline.js';
import { kafkaClientSettings } from './kafka-settings.js';
import { startDelivery, type Delivery } from './delivery.js';

/** schemas/ beside the package: one level up from src/ when run from source, two from dist/src/. */
export const SCHEMAS_DIR =
  ['../schemas', '../../schemas']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((dir) => existsSync(join(dir, 'group-message'))) ?? 'schemas';

export interface BridgeDeps {
  readonly settings: Settings;
  readonly logger: Logger;
  readonly clock?: () => Date;
  readonly schemasDir?: string;
}

export interface RunningBridge {
  readonly server: Server;
  readonly url: string;
  readonly metrics: Metrics;
  readonly kafka: KafkaPublisher;
  readonly publisher: EventPublisher;
  /** podinfo's order: not ready → wait → close the server, finishing in-flight callbacks → flush → done. */
  stop(): Promise<void>;
}

/**
 * Builds the real bridge from settings and starts listening: Kafka publisher (and spool, when enabled, whose
 * leftovers are forwarded before traffic is taken), the pipeline, the HTTP server with its timeouts.
 */
export async function startBridge(deps: BridgeDeps): Promise<RunningBridge> {
  const { settings, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const metrics = createMetrics();
  const schemas = loadSchemas(deps.schemasDir ?? SCHEMAS_DIR);
  const routing: Routing = {
    group: settings.BRIDGE_KAFKA_TOPIC,
    app: settings.BRIDGE_KAFKA_APP_TOPIC,
    routes: settings.BRIDGE_KAFKA_ROUTES,
  };
  const keepUnhandled = settings.BRIDGE_KEEP_UNHANDLED_COMMANDS;
  const uses = subjectUses(COMMANDS, routing, keepUnhandled ? CALLBACK_RECEIVED_SUBJECT : undefined);
  const encoders = await createEncoders(settings, schemas, uses, logger);
  const kafka = createKafkaPublisher({
    ...kafkaClientSettings(settings),
    lingerMs: settings.BRIDGE_KAFKA_LINGER_MS,
    batchMaxRecords: settings.BRIDGE_KAFKA_BATCH_MAX_RECORDS,
    maxInFlightBatches: settings.BRIDGE_KAFKA_MAX_IN_FLIGHT_BATCHES,
    publishTimeoutMs: settings.BRIDGE_KAFKA_PUBLISH_TIMEOUT_MS,
    logger,
    metrics: publisherMetrics(metrics),
  });
  const topics = [...uses.map((use) => use.topic), settings.BRIDGE_DLQ_TOPIC];
  const delivery: Delivery = await startDelivery({ settings, topics, kafka, logger, metrics });
  let draining = false;
  const handleCallback = createCallbackPipeline({
    auth:
      settings.BRIDGE_TENCENT_AUTH === 'enabled'
        ? {
            enabled: true,
            policy: {
              tokens: settings.BRIDGE_TENCENT_TOKEN,
              sdkAppIds: settings.BRIDGE_TENCENT_SDKAPPIDS,
              maxClockSkewSeconds: settings.BRIDGE_TENCENT_MAX_CLOCK_SKEW_SECONDS,
            },
          }
        : { enabled: false, sdkAppIds: settings.BRIDGE_TENCENT_SDKAPPIDS },
    limits: {
      maxJsonDepth: settings.BRIDGE_HTTP_MAX_JSON_DEPTH,
      maxJsonValues: settings.BRIDGE_HTTP_MAX_JSON_VALUES,
      maxStringBytes: settings.BRIDGE_HTTP_MAX_STRING_BYTES,
      maxRelayDepth: settings.BRIDGE_TENCENT_MAX_RELAY_DEPTH,
    },
    commands: COMMANDS,
    encoders,
    publisher: delivery.publisher,
    routing,
    deadLetterTopic: settings.BRIDGE_DLQ_TOPIC,
    keepUnhandled,
    onDeadLetter: (error) => metrics.deadLetters.inc({ reason: error.code }),
  });
  const app = createApp({
    callbackPath: settings.BRIDGE_HTTP_CALLBACK_PATH,
    bodyLimitBytes: settings.BRIDGE_HTTP_BODY_LIMIT_BYTES,
    maxConcurrentRequests: settings.BRIDGE_HTTP_MAX_CONCURRENT_REQUESTS,
    handleCallback,
    readiness: {
      check: () => {
        if (draining) return { ready: false, reasons: ['shutting down'] };
        return delivery.readiness();
      },
    },
    metrics,
    logger,
    clock,
  });
  const handler = app.callback();
  const server = createServer(
    httpServerOptions(settings),
    (request, response) => void handler(request, response),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.BRIDGE_HTTP_PORT, settings.BRIDGE_HTTP_HOST, resolve);
    });
  } catch (error) {
    await delivery.close(); // the forwarder, producer and spool would otherwise keep a failed start alive
    throw error;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info(
    { url, callbackPath: settings.BRIDGE_HTTP_CALLBACK_PATH, topics: [...new Set(topics)] },
    'listening',
  );

  async function stop(): Promise<void> {
    draining = true;
    closeConnectionsAfterEachResponse(server);
    logger.info({ delayMs: settings.BRIDGE_SHUTDOWN_DELAY_MS }, 'shutting down: not ready');
    await sleep(settings.BRIDGE_SHUTDOWN_DELAY_MS);
    await closeServer(server, settings.BRIDGE_SHUTDOWN_TIMEOUT_MS);
    await delivery.close();
    logger.info({}, 'stopped');
  }

  return { server, url, metrics, kafka, publisher: delivery.publisher, stop };
}

/**
 * The slow-client bounds of the HTTP server: the whole request (headers and body) within the request
 * timeout, the headers within the headers timeout (Node refuses one longer than the request timeout, and it
 * could never apply anyway), an idle kept-alive connection closed after the keep-alive timeout. Node checks
 * the first two only every `connectionsCheckingInterval` (30 s by default, which would let a slowloris hold
 * a socket six times longer than configured), so check as often as half the shortest timeout, at most 1 s.
 */
export function httpServerOptions(settings: Settings): ServerOptions {
  const requestTimeout = settings.BRIDGE_HTTP_REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(settings.BRIDGE_HTTP_HEADERS_TIMEOUT_MS, requestTimeout);
  return {
    requestTimeout,
    headersTimeout,
    keepAliveTimeout: settings.BRIDGE_HTTP_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: Math.min(1000, Math.floor(headersTimeout / 2)),
  };
}

/**
 * From SIGTERM on, every response closes its connection. Tencent keeps its connections open, and
 * server.close() alone keeps serving new requests on kept-alive connections: under steady load the server
 * would never close and the timeout would cut callbacks off mid-request. Closing after each response also
 * sends clients back through the load balancer, to other replicas, while this one is still draining.
 */
function closeConnectionsAfterEachResponse(server: Server): void {
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    response.setHeader('Connection', 'close');
  });
}

/** Stops accepting, lets in-flight requests finish (idle keep-alive sockets close now), bounded by timeout. */
async function closeServer(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearTimeout(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
