/** What the bridge's own /metrics say about a run: how it batched and where events went. */
export interface BridgeMetrics {
  readonly batches: number;
  readonly recordsPerBatch: number;
  /** Mean bridge_publish_duration_seconds in ms, by its `path` label when it has one ('all' otherwise). */
  readonly publishMs: Readonly<Record<string, number>>;
  readonly spooled: Readonly<Record<string, number>>;
  readonly recordsPerFsync: number;
}

/** Scrapes GET /metrics (Prometheus text) of a running bridge; counters are totals since its start. */
export async function scrapeBridgeMetrics(url: string): Promise<BridgeMetrics> {
  const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  const samples = [...text.matchAll(/^(\w+)(?:\{([^}]*)\})? (\S+)$/gm)].map(([, name, labels, value]) => ({
    name: name ?? '',
    labels: labels ?? '',
    value: Number(value),
  }));
  const sum = (name: string, labels = '') =>
    samples
      .filter((s) => s.name === name && s.labels.includes(labels))
      .reduce((total, s) => total + s.value, 0);
  const byLabel = (name: string, label: string) => {
    const out: Record<string, number> = {};
    for (const sample of samples.filter((s) => s.name === name)) {
      out[new RegExp(`${label}="([^"]*)"`).exec(sample.labels)?.[1] ?? 'all'] = sample.value;
    }
    return out;
  };
  /** A histogram's mean per value of `label` ('all' when unlabelled), from its _sum and _count. */
  const meanBy = (histogram: string, label: string, scale: number) => {
    const sums = byLabel(`${histogram}_sum`, label);
    const counts = byLabel(`${histogram}_count`, label);
    const out: Record<string, number> = {};
    for (const [key, total] of Object.entries(sums)) {
      const count = counts[key] ?? 0;
      if (count > 0) out[key] = Math.round((100 * scale * total) / count) / 100;
    }
    return out;
  };
  const batches = sum('bridge_kafka_batch_records_count');
  const fsyncs = sum('bridge_spool_append_group_records_count');
  return {
    batches,
    recordsPerBatch: batches === 0 ? 0 : sum('bridge_kafka_batch_records_sum') / batches,
    publishMs: meanBy('bridge_publish_duration_seconds', 'path', 1000),
    spooled: byLabel('bridge_spooled_total', 'reason'),
    recordsPerFsync: fsyncs === 0 ? 0 : sum('bridge_spool_append_group_records_sum') / fsyncs,
  };
}

export function describeBridgeMetrics(system: string, metrics: BridgeMetrics): string {
  const publish = Object.entries(metrics.publishMs)
    .map(([path, ms]) => `${path} ${ms} ms`)
    .join(', ');
  const spooled = Object.entries(metrics.spooled)
    .map(([reason, records]) => `${reason} ${records}`)
    .join(', ');
  return (
    `${system}: ${metrics.batches} produce requests of ${metrics.recordsPerBatch.toFixed(1)} records on average; ` +
    `mean publish duration: ${publish || '-'}; spooled: ${spooled || 'none'}` +
    (metrics.recordsPerFsync > 0 ? `; ${metrics.recordsPerFsync.toFixed(1)} records per spool fsync` : '')
  );
}
