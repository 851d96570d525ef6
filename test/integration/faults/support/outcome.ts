import { expect } from 'vitest';
import { consumeAll } from '../../kafka-harness.js';
import type { SentCallback } from './load.js';
import { describeVerdict, verifyDelivery, type Delivered, type Verdict } from './verify.js';

/** Everything on the topic now (up to its end offsets), as the verifier reads it. */
export async function readTopic(topic: string): Promise<Delivered[]> {
  const records = await consumeAll(topic, { timeoutMs: 60_000 });
  return records.map((record) => ({
    groupId: record.key?.toString() ?? '',
    eventId: record.headers['ce_id']?.toString() ?? '',
    partition: record.partition,
  }));
}

export interface Outcome {
  readonly verdict: Verdict;
  readonly maxLatencyMs: number;
  /** Answers other than 200, by status ('error' = no answer). */
  readonly refused: Readonly<Record<string, number>>;
}

/**
 * Judges one scenario, prints its figures, and asserts the promise: nothing acknowledged is missing, each
 * group in order on one partition. Also checks, on these very records, that the verifier would have noticed
 * one acknowledged event going missing, so a passing run cannot be a blind verifier.
 */
export function expectPromiseKept(
  scenario: string,
  sent: readonly SentCallback[],
  delivered: readonly Delivered[],
): Outcome {
  const acked = sent.filter((callback) => callback.status === 200);
  const verdict = verifyDelivery(acked, delivered);
  const maxLatencyMs = sent.reduce((max, callback) => Math.max(max, callback.latencyMs), 0);
  const refused: Record<string, number> = {};
  for (const { status } of sent) if (status !== 200) refused[status] = (refused[status] ?? 0) + 1;
  console.log(
    `${describeVerdict(scenario, verdict, maxLatencyMs)}; not answered 200: ${JSON.stringify(refused)}`,
  );

  expect(acked.length, 'some callbacks were acknowledged').toBeGreaterThan(0);
  expect(verdict.missing, 'acknowledged events missing from the topic').toEqual([]);
  expect(verdict.outOfOrder.slice(0, 3), 'groups out of order (first three)').toEqual([]);
  expect(verdict.splitGroups, 'groups on more than one partition').toEqual([]);

  const dropped = acked[Math.floor(acked.length / 2)]?.eventId;
  const withoutOne = delivered.filter((record) => record.eventId !== dropped);
  expect(verifyDelivery(acked, withoutOne).missing, 'the verifier notices a dropped event').toEqual([
    dropped,
  ]);
  return { verdict, maxLatencyMs, refused };
}
