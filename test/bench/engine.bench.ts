// The scheduler's cost per evaluation on generated layered DAGs of 1k, 10k and 100k blocks,
// against a plain Kahn topological sort of the same graph. Target: a full evaluation of a 10k
// block run under 10 ms.
import { nextActions, nextActionsFor } from '../../src/engine/next-actions';
import { indexTemplate } from '../../src/engine/template-index';
import type { RunSnapshot } from '../../src/engine/types';
import { measure, summarize, type BenchRow } from './lib/bench';
import { kahnSort } from './lib/kahn-sort';
import { layeredTemplate, midRunSnapshot } from './lib/layered-dag';

const NOW = new Date('2025-03-01T12:00:00Z');
const SIZES = [1_000, 10_000, 100_000];

/**
 * The snapshot just after one running block finished: a pending block of the next layer had all
 * its other dependencies done, so the change makes it startable (the evaluation has real work).
 */
function oneBlockDone(snapshot: RunSnapshot): { changed: RunSnapshot; blockId: string } {
  const index = indexTemplate(snapshot.template);
  const slot = new Map(snapshot.blocks.map((b, i) => [b.blockId, i] as const));
  const blocks = [...snapshot.blocks];
  const dependent = snapshot.blocks.find((b) => b.status === 'pending' && index.depsOf.get(b.blockId)!.some((d) => blocks[slot.get(d)!]!.status !== 'pending'))!;
  const [finished, ...others] = index.depsOf.get(dependent.blockId)!;
  for (const dep of others) blocks[slot.get(dep)!] = { ...blocks[slot.get(dep)!]!, status: 'done', outcome: null };
  blocks[slot.get(finished!)!] = { ...blocks[slot.get(finished!)!]!, status: 'done', outcome: null };
  return { changed: { ...snapshot, blocks }, blockId: finished! };
}

export default async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    const label = size >= 1000 ? `${size / 1000}k` : String(size);
    const template = layeredTemplate(size);
    const units = template.blocks.length + indexTemplate(template).edgeCount;
    const snapshot = midRunSnapshot(template);
    const { changed, blockId } = oneBlockDone(snapshot);
    const iterations = size >= 100_000 ? 15 : 40;
    const options = { warmup: 5, iterations };
    // A benchmark of an engine that found nothing to do would measure the wrong thing.
    if (nextActions(snapshot, NOW).length === 0 || nextActionsFor(changed, [blockId], NOW).length === 0) throw new Error('bench setup: no actions');
    const baseline = `Kahn topological sort, ${label}`;
    rows.push(summarize(baseline, await measure(baseline, () => kahnSort(template), options), { units }));
    rows.push(summarize(`full nextActions, ${label} blocks`, await measure(() => nextActions(snapshot, NOW), options), { baseline, units }));
    rows.push(
      summarize(`full nextActions + template index rebuild, ${label}`, await measure(() => nextActions({ ...snapshot, template: { ...template } }, NOW), options), { baseline, units }),
    );
    const incremental = `one state change (nextActionsFor), ${label}`;
    rows.push(summarize(incremental, await measure(() => nextActionsFor(changed, [blockId], NOW), options), { baseline }));
    // With a run budget the guard adds up the run's spending (O(V + G)) whenever an attempt starts;
    // a budget too large to trip measures that cost alone, against the same change without a budget.
    const budgeted = { ...changed, params: { ...changed.params, budget_usd: 1e9 } };
    if (nextActionsFor(budgeted, [blockId], NOW).length !== nextActionsFor(changed, [blockId], NOW).length) throw new Error('bench setup: the budget changed the actions');
    rows.push(summarize(`one state change with a run budget, ${label}`, await measure(() => nextActionsFor(budgeted, [blockId], NOW), options), { baseline: incremental }));
  }
  return rows;
}
