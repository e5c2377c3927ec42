import { percentile, summarize } from '../lib/bench';
import type { BenchRow } from '../lib/bench';
import { bootstrapPercentile } from './bootstrap-percentile';
import { segmentCosts } from './segment-costs';

// The harness's cells are milliseconds. A throughput is therefore shown as its inverse (ms per
// operation, per segment of the run), with the operations/s figure itself in the case name; the
// ratio column then reads "this costs N× the baseline's time per operation" (N > 1 is slower).
// The ratio compares segment medians, the name's figure is the whole window; when they disagree a
// lot, the run had pauses (a busy machine), and the spread column shows it.

const SEGMENTS = 10;

/** A throughput row: `label = R unit/s`, cells in ms per operation over `SEGMENTS` equal-count segments. */
export function throughputRow(label: string, unit: string, windowStart: number, completedAt: readonly number[], baseline?: string): BenchRow {
  const last = completedAt[completedAt.length - 1];
  const rate = last === undefined ? Number.NaN : completedAt.length / ((last - windowStart) / 1000);
  const name = `${label} = ${rate.toFixed(0)} ${unit}/s overall · cells: ms per ${unit.replace(/s$/, '')}`;
  return summarize(name, segmentCosts(windowStart, completedAt, SEGMENTS), baseline === undefined ? {} : { baseline });
}

/**
 * Two rows for a latency distribution: `label p50` (median with the real p10–p90 of the samples)
 * and `label p99` (the sample p99, its spread being the p10–p90 of bootstrap re-estimates).
 */
export function latencyRows(label: string, samplesMs: readonly number[], baselines?: { p50: string; p99: string }): [BenchRow, BenchRow] {
  const p50 = summarize(`${label} p50`, samplesMs, baselines ? { baseline: baselines.p50 } : {});
  const tail = summarize(bootstrapPercentile(samplesMs, 99));
  const p99Value = percentile([...samplesMs].sort((a, b) => a - b), 99);
  const p99: BenchRow = {
    case: `${label} p99`,
    n: samplesMs.length,
    median: p99Value,
    p10: tail.p10,
    p90: tail.p90,
    spreadPct: p99Value > 0 ? ((tail.p90 - tail.p10) / p99Value) * 100 : 0,
    ...(baselines ? { baseline: baselines.p99 } : {}),
  };
  return [p50, p99];
}
