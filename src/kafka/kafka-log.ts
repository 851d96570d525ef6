import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../logger.js';

/**
 * Routes kafkajs's log into ours under `component: kafkajs`. kafkajs logs every failed connection attempt
 * as ERROR; the publisher reports failures itself (as PUBLISH_FAILED, counted and spooled), so kafkajs's
 * errors are demoted to warn to keep one error line per real failure.
 */
export function createKafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...fields } = log;
      const entry = { component: 'kafkajs', ...fields };
      if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(entry, message);
      else if (level === logLevel.INFO) logger.info(entry, message);
      else logger.debug(entry, message);
    };
}
