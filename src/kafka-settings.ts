import { readFileSync } from 'node:fs';
import type { Settings } from './config/settings.js';
import type { ClientSettings } from './kafka/kafka-options.js';

/** The Kafka client part of the settings; TLS material is read from the configured PEM files at start. */
export function kafkaClientSettings(
  settings: Settings,
  readFile = (path: string) => readFileSync(path, 'utf8'),
): Omit<ClientSettings, 'requestTimeoutMs'> {
  const pem = (path: string) => (path === '' ? undefined : readFile(path));
  const ca = pem(settings.BRIDGE_KAFKA_SSL_CA_FILE);
  const cert = pem(settings.BRIDGE_KAFKA_SSL_CERT_FILE);
  const key = pem(settings.BRIDGE_KAFKA_SSL_KEY_FILE);
  const tls = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  const mechanism = settings.BRIDGE_KAFKA_SASL_MECHANISM;
  return {
    brokers: settings.BRIDGE_KAFKA_BROKERS,
    clientId: settings.BRIDGE_KAFKA_CLIENT_ID,
    ...(settings.BRIDGE_KAFKA_SSL ? { ssl: Object.keys(tls).length > 0 ? tls : true } : {}),
    ...(mechanism === ''
      ? {}
      : {
          sasl: {
            mechanism,
            username: settings.BRIDGE_KAFKA_SASL_USERNAME,
            password: settings.BRIDGE_KAFKA_SASL_PASSWORD,
          },
        }),
  };
}
