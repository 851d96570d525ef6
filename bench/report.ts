import type { LoadResult } from './load.js';
import type { PipelineResult } from './pipeline.js';

/** One measured row of the table. */
export interface Row {
  readonly system: string;
  readonly load: LoadResult;
  readonly rssMb: number;
  /** RSS of the server once ready, before load. */
  readonly startRssMb: number;
  /** CPU used by the server process during the run, in % of one core. */
  readonly serverCpu: number;
  /** CPU used by the load generator (this process) during the run, in % of one core. */
  readonly loadGenCpu: number;
  /** CPU used by the broker during the run, in % of one core (NaN without a broker). */
  readonly brokerCpu: number;
  /** Records the run added to the topic (NaN when not counted). */
  readonly records: number;
}

export interface Summary {
  readonly baseline: Row;
  /** The baseline at the bridge's half-load rate: what the machine alone adds to latency. */
  readonly baselineHalf: Row;
  readonly naive: Row;
  readonly bridge: Row;
  readonly bridgeHalf: Row;
  readonly spool: Row;
  readonly pipeline: PipelineResult;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function printTable(rows: readonly Row[]): void {
  const header = [
    'system',
    'rps',
    'p50 ms',
    'p99 ms',
    'p99.9 ms',
    'errors',
    'non-2xx',
    'RSS MB',
    'idle RSS',
    'srv CPU%',
    'gen CPU%',
    'kafka CPU%',
    'records',
  ];
  const lines = rows.map((row) => [
    row.system,
    String(Math.round(row.load.rps)),
    String(round(row.load.p50)),
    String(round(row.load.p99)),
    String(round(row.load.p999)),
    String(row.load.errors),
    String(row.load.non2xx),
    String(Math.round(row.rssMb)),
    String(Math.round(row.startRssMb)),
    String(Math.round(row.serverCpu)),
    String(Math.round(row.loadGenCpu)),
    Number.isNaN(row.brokerCpu) ? '-' : String(Math.round(row.brokerCpu)),
    Number.isNaN(row.records) ? '-' : String(row.records),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

export function printPipeline(pipeline: PipelineResult): void {
  const stages = Object.entries(pipeline.stages)
    .map(([stage, us]) => `${stage} ${round(us, 2)}`)
    .join(', ');
  console.log(
    `pipeline (${pipeline.fixtures} fixtures): ${round(pipeline.usPerCallback, 2)} µs/callback chained; by stage µs: ${stages}`,
  );
}

/** The targets, each with its measured value and pass/fail; returns the JSON summary object. */
export function printTargets(summary: Summary): Record<string, number | boolean> {
  const { baseline, baselineHalf, naive, bridge, bridgeHalf, spool, pipeline } = summary;
  const rssMax = Math.max(bridge.rssMb, bridgeHalf.rssMb, spool.rssMb);
  const targets: [string, number, string, boolean][] = [
    [
      'bridge_rps / baseline_rps',
      bridge.load.rps / baseline.load.rps,
      '>= 0.6',
      bridge.load.rps >= 0.6 * baseline.load.rps,
    ],
    [
      'bridge_rps / naive_rps',
      bridge.load.rps / naive.load.rps,
      '>= 5',
      bridge.load.rps >= 5 * naive.load.rps,
    ],
    [
      'spool_rps / bridge_rps',
      spool.load.rps / bridge.load.rps,
      '>= 0.5',
      spool.load.rps >= 0.5 * bridge.load.rps,
    ],
    ['bridge_p99_ms_half_load', bridgeHalf.load.p99, '<= 25', bridgeHalf.load.p99 <= 25],
    ['bridge_rss_mb_max', rssMax, '<= 200', rssMax <= 200],
    ['pipeline_us_per_callback', pipeline.usPerCallback, '<= 5', pipeline.usPerCallback <= 5],
  ];
  console.log('\ntargets');
  for (const [name, value, goal, pass] of targets) {
    console.log(
      `  ${pass ? 'PASS' : 'FAIL'}  ${name.padEnd(26)} ${String(round(value, 2)).padStart(9)}  (${goal})`,
    );
  }
  return {
    baseline_rps: Math.round(baseline.load.rps),
    naive_rps: Math.round(naive.load.rps),
    bridge_rps: Math.round(bridge.load.rps),
    spool_rps: Math.round(spool.load.rps),
    bridge_p50_ms: round(bridge.load.p50),
    bridge_p99_ms: round(bridge.load.p99),
    bridge_p99_9_ms: round(bridge.load.p999),
    bridge_half_load_rps: Math.round(bridgeHalf.load.rps),
    bridge_p50_ms_half_load: round(bridgeHalf.load.p50),
    bridge_p99_ms_half_load: round(bridgeHalf.load.p99),
    bridge_p99_9_ms_half_load: round(bridgeHalf.load.p999),
    baseline_p99_ms_same_rate: round(baselineHalf.load.p99),
    spool_p99_ms: round(spool.load.p99),
    bridge_rss_mb_max: Math.round(rssMax),
    bridge_errors: bridge.load.errors + bridge.load.non2xx + bridgeHalf.load.errors + bridgeHalf.load.non2xx,
    spool_errors: spool.load.errors + spool.load.non2xx,
    pipeline_us_per_callback: round(pipeline.usPerCallback, 2),
    targets_passed: targets.filter((target) => target[3]).length,
    targets_total: targets.length,
  };
}
