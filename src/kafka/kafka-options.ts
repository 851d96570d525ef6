import type { KafkaConfig, RetryOptions, SASLOptions } from 'kafkajs';

/** TLS towards the brokers: `true` for the system trust store, or explicit PEM material. */
export type KafkaTls =
  | boolean
  | {
      readonly ca?: string | readonly string[];
      readonly cert?: string;
      readonly key?: string;
      readonly rejectUnauthorized?: boolean;
      readonly servername?: string;
    };

export interface KafkaSasl {
  readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  readonly username: string;
  readonly password: string;
}

export interface ClientSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl?: KafkaTls;
  readonly sasl?: KafkaSasl;
  readonly requestTimeoutMs: number;
}

/**
 * kafkajs retries inside one `sendBatch`. They are kept short on purpose: the caller's deadline (≈1 s, well
 * inside Tencent's 2 s) is enforced by the batcher anyway, and a long retry loop would only hold up the one
 * batch in flight and everything queued behind it. Two quick retries (≈100 ms, ≈200 ms, capped at 400 ms)
 * cover a leader move ("There is no leader for this topic-partition", NOT_LEADER) on a healthy cluster;
 * anything longer is an outage, which the spool handles.
 */
export const sendRetry: RetryOptions = { retries: 2, initialRetryTime: 100, maxRetryTime: 400, factor: 0.2 };

export function toKafkaConfig(settings: ClientSettings, logCreator: KafkaConfig['logCreator']): KafkaConfig {
  const { brokers, clientId, ssl, sasl, requestTimeoutMs } = settings;
  const config: KafkaConfig = {
    brokers: [...brokers],
    clientId,
    requestTimeout: requestTimeoutMs,
    enforceRequestTimeout: true,
    // A broker that does not accept a TCP connection within the publish budget is as good as down.
    connectionTimeout: Math.min(1000, requestTimeoutMs),
    retry: sendRetry,
  };
  if (logCreator !== undefined) config.logCreator = logCreator;
  if (ssl !== undefined) config.ssl = toTls(ssl);
  if (sasl !== undefined) config.sasl = toSasl(sasl);
  return config;
}

function toTls(ssl: KafkaTls): NonNullable<KafkaConfig['ssl']> {
  if (typeof ssl === 'boolean') return ssl;
  const { ca, cert, key, rejectUnauthorized, servername } = ssl;
  return {
    ...(ca === undefined ? {} : { ca: typeof ca === 'string' ? ca : [...ca] }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
    ...(rejectUnauthorized === undefined ? {} : { rejectUnauthorized }),
    ...(servername === undefined ? {} : { servername }),
  };
}

function toSasl({ mechanism, username, password }: KafkaSasl): SASLOptions {
  return { mechanism, username, password };
}
