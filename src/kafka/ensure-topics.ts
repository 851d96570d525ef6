import type { Admin } from 'kafkajs';
import type { Logger } from '../logger.js';

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  /** Default: the broker's default.replication.factor. */
  readonly replicationFactor?: number;
}

/**
 * Creates the missing topics and waits for their leaders, so the first produce does not hit "There is no
 * leader for this topic-partition". Idempotent: existing topics (also ones created concurrently by another
 * replica of the bridge) are left alone; their partition count is not changed.
 */
export async function createTopics(
  admin: Admin,
  topics: readonly TopicSpec[],
  logger: Logger,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((spec) => !existing.has(spec.topic));
  if (missing.length === 0) return;
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map(({ topic, partitions, replicationFactor }) => ({
        topic,
        numPartitions: partitions,
        ...(replicationFactor === undefined ? {} : { replicationFactor }),
      })),
    });
    logger.info({ topics: missing.map((spec) => spec.topic) }, 'created Kafka topics');
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}

function isAlreadyExists(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const nested = (error as { errors?: unknown }).errors;
  const all = Array.isArray(nested) ? (nested as unknown[]) : [error];
  return all.every((e) => e instanceof Error && (e as { type?: unknown }).type === 'TOPIC_ALREADY_EXISTS');
}
