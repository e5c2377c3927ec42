import { percentile, type BenchRow } from '../lib/bench';
import type { GraphilePeerResult } from './graphile-peer';
import type { CompletionWindow, OursMeasurement } from './ours-cases';
import { latencyRows, throughputRow } from './store-rows';

/** "Flat" cost per completion: the 4,000-block run may cost at most this much more per completion than the 40-block one. */
const FLAT_FACTOR = 1.5;
const P99_TARGET_MS = 20;

const rate = (w: { windowStart: number; blockCompletedAt: readonly number[] } | { firstStartAt: number; completedAt: readonly number[] }) => {
  const [start, done] = 'windowStart' in w ? [w.windowStart, w.blockCompletedAt] : [w.firstStartAt, w.completedAt];
  return done.length / ((done[done.length - 1]! - start) / 1000);
};
const verdict = (met: boolean, detail: string) => `${met ? 'met' : 'not met'}: ${detail}`;

/**
 * Our rows, each with the target and a verdict from figures of this same run: throughput
 * in both shapes against the peer's jobs/s, the cost per completion by run size against the
 * 40-block run, and decision→start against the peer's enqueue→start (like with like: from the
 * call) plus the absolute p99 bound.
 */
export function oursTargetRows(ours: OursMeasurement, peerRow: BenchRow, peer: GraphilePeerResult, vsPeer: { p50: string; p99: string }): BenchRow[] {
  const peerRate = rate(peer);
  const shape = (label: string, w: CompletionWindow): BenchRow => {
    const row = throughputRow(`ours block completions/s, ${label}`, 'block completions', w.windowStart, w.blockCompletedAt, peerRow.case);
    const r = rate(w);
    return { ...row, verdict: verdict(r >= peerRate, `≥ 1.0× peer jobs/s; ${(r / peerRate).toFixed(2)}× (${r.toFixed(0)} vs ${peerRate.toFixed(0)}/s)`) };
  };
  const rows = [shape('one 400-block run', ours.wide), shape(`100 runs × 10 blocks`, ours.manyRuns)];

  const smallest = ours.bySize[0]!;
  const base = throughputRow(`ours cost per completion, ${smallest.blocks}-block run`, 'block completions', smallest.window.windowStart, smallest.window.blockCompletedAt);
  rows.push(base);
  // The verdict compares whole-run rates: a 40-block run has too few completions for segment
  // medians (its segments of 4 can share one millisecond under group commit).
  const baseRate = rate(smallest.window);
  for (const { blocks, window } of ours.bySize.slice(1)) {
    const row = throughputRow(`ours cost per completion, ${blocks}-block run`, 'block completions', window.windowStart, window.blockCompletedAt, base.case);
    const factor = baseRate / rate(window);
    rows.push({ ...row, verdict: verdict(factor <= FLAT_FACTOR, `flat (≤ ${FLAT_FACTOR}× the ${smallest.blocks}-block cost per completion, whole-run rates); ${factor.toFixed(2)}×`) });
  }

  const [fromCall50, fromCall99] = latencyRows('ours decision call→next block start (ms)', ours.decisionToNextBlockMs, { p50: 'graphile-worker addJob call→start (ms, incl. enqueue commit) p50', p99: vsPeer.p99 });
  // Only from the call: the next block can start before the decision call returns (the call
  // loads the gate view after COMMIT), so "from the return" is no measure of the commit.
  const callPeer = percentile([...peer.fromCallMs].sort((a, b) => a - b), 50);
  rows.push(
    { ...fromCall50, verdict: verdict(fromCall50.median <= callPeer, `p50 ≤ peer addJob call→start p50 (${callPeer.toFixed(2)} ms)`) },
    { ...fromCall99, verdict: verdict(fromCall99.median <= P99_TARGET_MS, `p99 ≤ ${P99_TARGET_MS} ms`) },
  );
  return rows;
}
