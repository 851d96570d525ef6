/** A callback that was answered 200: the bridge promised its event is durable. */
export interface Acknowledged {
  readonly groupId: string;
  readonly eventId: string;
  /** When the 200 came; a group's events must first appear on the topic in this order. */
  readonly answeredAt: number;
}

/** A record read from the topic, in partition-then-offset order. */
export interface Delivered {
  readonly groupId: string;
  readonly eventId: string;
  readonly partition: number;
}

export interface Verdict {
  readonly acknowledged: number;
  /** Acknowledged events that are on the topic at least once. */
  readonly found: number;
  /** Records beyond the first of their event id (allowed: at least once). */
  readonly duplicated: number;
  /** Acknowledged events that are not on the topic at all (never allowed). */
  readonly missing: readonly string[];
  /** Records of events that were never acknowledged (allowed: answered 5xx, or no answer, yet written). */
  readonly unacknowledged: number;
  /** Groups whose acknowledged events first appear in another order than they were acknowledged. */
  readonly outOfOrder: readonly { groupId: string; expected: string[]; actual: string[] }[];
  /** Groups found on more than one partition (then no order holds between them). */
  readonly splitGroups: readonly string[];
}

/**
 * Checks the bridge's promise against what reached the topic: every acknowledged event is there (duplicates
 * allowed, never zero), and within each group the order of first appearance of the acknowledged events is
 * the order of their 200 answers. Events that were not acknowledged may or may not be there.
 */
export function verifyDelivery(acked: readonly Acknowledged[], delivered: readonly Delivered[]): Verdict {
  const firstSeen = new Map<string, Delivered>();
  let duplicated = 0;
  for (const record of delivered) {
    if (firstSeen.has(record.eventId)) duplicated++;
    else firstSeen.set(record.eventId, record);
  }
  const ackedIds = new Set(acked.map((callback) => callback.eventId));
  const missing = acked.filter((callback) => !firstSeen.has(callback.eventId)).map((c) => c.eventId);
  const unacknowledged = [...firstSeen.keys()].filter((eventId) => !ackedIds.has(eventId)).length;
  return {
    acknowledged: acked.length,
    found: acked.length - missing.length,
    duplicated,
    missing,
    unacknowledged,
    ...checkOrder(acked, firstSeen),
  };
}

function checkOrder(
  acked: readonly Acknowledged[],
  firstSeen: ReadonlyMap<string, Delivered>,
): Pick<Verdict, 'outOfOrder' | 'splitGroups'> {
  const expectedByGroup = groupBy(
    [...acked].sort((a, b) => a.answeredAt - b.answeredAt),
    (callback) => callback.groupId,
  );
  const actualByGroup = groupBy(
    [...firstSeen.values()].filter((record) => expectedByGroup.has(record.groupId)),
    (record) => record.groupId,
  );
  const outOfOrder: Verdict['outOfOrder'][number][] = [];
  const splitGroups: string[] = [];
  for (const [groupId, expectedCallbacks] of expectedByGroup) {
    const records = actualByGroup.get(groupId) ?? [];
    if (new Set(records.map((record) => record.partition)).size > 1) splitGroups.push(groupId);
    const expected = expectedCallbacks.map((callback) => callback.eventId);
    const wanted = new Set(expected);
    const actual = records.map((record) => record.eventId).filter((eventId) => wanted.has(eventId));
    // A missing event is reported as missing; order is judged on the events that are there.
    const present = expected.filter((eventId) => firstSeen.has(eventId));
    if (present.join() !== actual.join()) outOfOrder.push({ groupId, expected: present, actual });
  }
  return { outOfOrder, splitGroups };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/** One line for the test output: the figures the fault tests are judged by. */
export function describeVerdict(scenario: string, verdict: Verdict, maxLatencyMs: number): string {
  return (
    `[fault] ${scenario}: acknowledged ${verdict.acknowledged}, found ${verdict.found}, ` +
    `duplicated ${verdict.duplicated}, missing ${verdict.missing.length}, ` +
    `unacknowledged on topic ${verdict.unacknowledged}, groups out of order ${verdict.outOfOrder.length}, ` +
    `split groups ${verdict.splitGroups.length}, max answer latency ${Math.round(maxLatencyMs)} ms`
  );
}
