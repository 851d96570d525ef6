import { describe, expect, it } from 'vitest';
import { verifyDelivery, type Acknowledged, type Delivered } from './support/verify.js';

const acked: Acknowledged[] = [
  { groupId: 'g1', eventId: 'a1', answeredAt: 1 },
  { groupId: 'g2', eventId: 'b1', answeredAt: 2 },
  { groupId: 'g1', eventId: 'a2', answeredAt: 3 },
  { groupId: 'g1', eventId: 'a3', answeredAt: 4 },
];
const on = (groupId: string, eventId: string, partition = groupId === 'g1' ? 0 : 1): Delivered => ({
  groupId,
  eventId,
  partition,
});
const topic = [on('g1', 'a1'), on('g1', 'a2'), on('g1', 'a3'), on('g2', 'b1')];

describe('faults/support/verify', () => {
  it('passes a topic that holds every acknowledged event in order', () => {
    const verdict = verifyDelivery(acked, topic);
    expect(verdict).toMatchObject({ acknowledged: 4, found: 4, duplicated: 0, missing: [], outOfOrder: [] });
  });

  it('reports an acknowledged event that is not on the topic as missing', () => {
    const verdict = verifyDelivery(
      acked,
      topic.filter((record) => record.eventId !== 'a2'),
    );
    expect(verdict.missing).toEqual(['a2']);
    expect(verdict.found).toBe(3);
    expect(verdict.outOfOrder).toEqual([]);
  });

  it('allows a later duplicate but not one that reorders the first appearances', () => {
    const redelivered = [on('g1', 'a1'), on('g1', 'a2'), on('g1', 'a1'), on('g1', 'a3'), on('g2', 'b1')];
    expect(verifyDelivery(acked, redelivered)).toMatchObject({ duplicated: 1, outOfOrder: [] });
    const swapped = [on('g1', 'a2'), on('g1', 'a1'), on('g1', 'a3'), on('g2', 'b1')];
    expect(verifyDelivery(acked, swapped).outOfOrder).toEqual([
      { groupId: 'g1', expected: ['a1', 'a2', 'a3'], actual: ['a2', 'a1', 'a3'] },
    ]);
  });

  it('ignores events that were never acknowledged, wherever they are, and flags a group split over partitions', () => {
    const withExtra = [on('g1', 'x'), ...topic.slice(0, 2), on('g1', 'a3', 2), on('g2', 'b1')];
    const verdict = verifyDelivery(acked, withExtra);
    expect(verdict).toMatchObject({ unacknowledged: 1, missing: [], outOfOrder: [], splitGroups: ['g1'] });
  });
});
