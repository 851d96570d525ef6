#!/usr/bin/env node
import { pino } from 'pino';
import { startBridge } from './bridge.js';
import { ConfigError, loadSettings, redactSettings } from './config/load-config.js';
import { secretSettings } from './config/settings.js';

/**
 * The composition root: the only place that reads process.env and installs signal handlers. Exit codes:
 * 0 after a clean shutdown, 1 when start-up or shutdown failed, 2 for invalid configuration.
 */
async function main(): Promise<number> {
  let settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const logger = pino({ level: settings.BRIDGE_LOG_LEVEL, base: { service: 'tencent-im-kafka-bridge' } });
  logger.info({ settings: redactSettings(settings, secretSettings) }, 'starting');
  if (settings.BRIDGE_TENCENT_AUTH === 'disabled') {
    logger.warn(
      {},
      'AUTHENTICATION IS DISABLED (BRIDGE_TENCENT_AUTH=disabled): anyone who can reach this endpoint can publish events. Never run like this in production.',
    );
  }
  const bridge = await startBridge({ settings, logger });
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.info({ signal }, 'signal received');
  const deadline = setTimeout(
    () => {
      logger.error({}, 'shutdown took too long; exiting');
      process.exit(1);
    },
    settings.BRIDGE_SHUTDOWN_DELAY_MS + settings.BRIDGE_SHUTDOWN_TIMEOUT_MS + 5000,
  );
  deadline.unref();
  await bridge.stop();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
