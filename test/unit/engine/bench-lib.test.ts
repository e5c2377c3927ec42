import { describe, expect, it } from 'vitest';
import { formatTable, measure, percentile, summarize } from '../../bench/lib/bench';
import { kahnSort } from '../../bench/lib/kahn-sort';
import { layeredTemplate, midRunSnapshot } from '../../bench/lib/layered-dag';
import { computeLayers } from '../../../src/engine/compute-layers';

describe('bench harness', () => {
  it('GIVEN samples THEN the summary has median, p10, p90 and the spread', () => {
    const samples = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 11];
    expect(summarize(samples)).toEqual({ n: 11, median: 6, p10: 2, p90: 10, spreadPct: (8 / 6) * 100 });
    expect(percentile([1, 2], 50)).toBe(1.5);
  });

  it('GIVEN rows with a named baseline THEN the table shows the ratio and the cost per unit', () => {
    const rows = [summarize('base', [1, 1, 1], { units: 1000 }), summarize('engine', [2, 2, 2], { baseline: 'base', units: 1000 })];
    expect(formatTable(rows).split('\n')).toEqual([
      '| case | n | median | spread (p10–p90) | ratio vs baseline | per (V+E) |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| base | 3 | 1.00 ms | 1.00 ms – 1.00 ms (±0%) | baseline | 1000 ns |',
      '| engine | 3 | 2.00 ms | 2.00 ms – 2.00 ms (±0%) | 2.00× | 2000 ns |',
    ]);
  });

  it('GIVEN a function THEN measure times it the requested number of times after the warm-up', async () => {
    let calls = 0;
    const samples = await measure('count', () => calls++, { warmup: 2, iterations: 5 });
    expect(samples).toHaveLength(5);
    expect(calls).toBe(7);
  });

  it('GIVEN the generated DAG THEN it is acyclic, seeded and the Kahn baseline orders every block', () => {
    const tpl = layeredTemplate(500, 7);
    expect(kahnSort(tpl)).toHaveLength(500);
    expect(computeLayers(tpl).flat()).toHaveLength(500);
    expect(layeredTemplate(500, 7).blocks.map((b) => b.inputs.depends)).toEqual(tpl.blocks.map((b) => b.inputs.depends));
    expect(new Set(midRunSnapshot(tpl).blocks.map((b) => b.status))).toEqual(new Set(['done', 'running', 'waiting', 'ready', 'pending']));
  });
});
