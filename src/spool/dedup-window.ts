/**
 * Remembers recent dedup keys for `windowMs` (monotonic time), at most `maxKeys` of them (the oldest go
 * first), each with the promise of the publish that carried it first. A duplicate is answered with that
 * promise: it succeeds when the first copy is durable, so dropping it never acknowledges something that was
 * then lost. A first copy that failed is forgotten, so a later copy is published again.
 */
export interface DedupWindow {
  /** The first copy's outcome if `key` was seen within the window; otherwise remembers `publish()`'s. */
  admit(key: string, publish: () => Promise<void>): { duplicate: boolean; outcome: Promise<void> };
}

export function createDedupWindow(windowMs: number, maxKeys: number, now: () => number): DedupWindow {
  const seen = new Map<string, { at: number; outcome: Promise<void> }>();

  function evict(at: number): void {
    for (const [key, entry] of seen) {
      if (seen.size <= maxKeys && at - entry.at < windowMs) break;
      seen.delete(key);
    }
  }

  return {
    admit(key, publish) {
      const at = now();
      evict(at);
      const first = seen.get(key);
      if (first !== undefined) return { duplicate: true, outcome: first.outcome };
      const outcome = publish();
      const entry = { at, outcome };
      seen.set(key, entry);
      outcome.catch(() => {
        if (seen.get(key) === entry) seen.delete(key);
      });
      return { duplicate: false, outcome };
    },
  };
}
