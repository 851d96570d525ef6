import { BENCH_TOKEN } from './callbacks.js';
import { BENCH_BROKERS, DLQ_TOPIC, EVENTS_TOPIC } from './broker.js';
import { fixtureSdkAppIds } from './callbacks.js';

/**
 * Our bridge as shipped (src/main.ts, every tuning setting at its default) pointed at the bench broker and
 * topics, authenticating with the bench token; the HTTP port is set by the child launcher.
 */
export function bridgeEnv(spoolDir: string): Record<string, string> {
  return {
    BRIDGE_HTTP_HOST: '127.0.0.1',
    BRIDGE_KAFKA_BROKERS: BENCH_BROKERS,
    BRIDGE_KAFKA_TOPIC: EVENTS_TOPIC,
    BRIDGE_DLQ_TOPIC: DLQ_TOPIC,
    BRIDGE_TENCENT_TOKEN: BENCH_TOKEN,
    BRIDGE_TENCENT_SDKAPPIDS: fixtureSdkAppIds().join(','),
    BRIDGE_SPOOL_DIR: spoolDir,
    BRIDGE_SHUTDOWN_DELAY_MS: '0',
    BRIDGE_SHUTDOWN_TIMEOUT_MS: '5000',
    BRIDGE_LOG_LEVEL: 'info',
  };
}
