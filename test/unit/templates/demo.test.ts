import { describe, expect, it } from 'vitest';
import { loadTemplate, parallelGroups, simulatedCriticalPathMs } from './load-templates';

const template = loadTemplate('demo.json');

describe('demo (the quickstart template)', () => {
  it('GIVEN the template THEN every block runs offline on the simulate runtime', () => {
    expect(template.blocks.length).toBeGreaterThanOrEqual(5);
    expect(template.blocks.length).toBeLessThanOrEqual(7);
    expect(template.blocks.filter((b) => b.runtime !== 'simulate').map((b) => b.id)).toEqual([]);
  });

  it('GIVEN the template THEN every simulated duration is between 300 ms and 1.5 s', () => {
    const out = template.blocks
      .map((b) => ({ id: b.id, ms: b.simulate?.duration }))
      .filter(({ ms }) => ms === undefined || ms < 300 || ms > 1_500);
    expect(out).toEqual([]);
  });

  it('GIVEN a run with instant approval THEN the machine time stays within a few seconds', () => {
    expect(simulatedCriticalPathMs(template)).toBeLessThanOrEqual(5_000);
  });

  it('GIVEN the template THEN it has one parallel group of three blocks', () => {
    const groups = Object.values(parallelGroups(template));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toHaveLength(3);
  });

  it('GIVEN the template THEN it has exactly one human gate, after its block', () => {
    const gates = template.blocks.filter((b) => b.human_gate !== 'none');
    expect(gates.map((b) => b.human_gate)).toEqual(['after']);
  });

  it('GIVEN the one threshold THEN its simulated scores miss on the first attempt and pass on the retry', () => {
    const scored = template.blocks.filter((b) => b.threshold);
    expect(scored).toHaveLength(1);
    const block = scored[0]!;
    const min = block.threshold!.min;
    const [first, second] = block.simulate?.scores ?? [];
    expect(first).toBeLessThan(min);
    expect(second).toBeGreaterThanOrEqual(min);
    expect(block.max_retries).toBeGreaterThanOrEqual(1);
    expect(block.outputs.metrics.map((m) => m.key)).toContain(block.threshold!.metric);
  });

  it('GIVEN `/factory run demo` without parameters THEN no parameter is required and one has a default', () => {
    const params = Object.values(template.params);
    expect(params.filter((p) => p.required)).toEqual([]);
    expect(params.filter((p) => p.default !== undefined)).toHaveLength(1);
  });
});
