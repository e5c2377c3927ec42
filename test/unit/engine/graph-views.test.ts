import { describe, expect, it } from 'vitest';
import { computeCriticalPath } from '../../../src/engine/compute-critical-path';
import { computeLayers } from '../../../src/engine/compute-layers';
import { planWaves } from '../../../src/engine/plan-waves';
import { block, template } from './support/build';

const diamond = template([
  block('a', { simulate: { duration: '10m' } }),
  block('b', { deps: ['a'], simulate: { duration: '20m' } }),
  block('c', { deps: ['a'], simulate: { duration: '5m' }, human_gate: 'after' }),
  block('d', { deps: ['b', 'c'], timeout: '1m' }),
]);

describe('computeLayers', () => {
  it('GIVEN a diamond THEN the waves are a | b c | d', () => {
    expect(computeLayers(diamond)).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('GIVEN a block listed before its dependency THEN it still lands after it', () => {
    expect(computeLayers(template([block('late', { deps: ['early'] }), block('early')]))).toEqual([['early'], ['late']]);
  });
});

describe('computeCriticalPath', () => {
  it('GIVEN durations from simulate and timeout THEN the longest chain is returned with its total', () => {
    expect(computeCriticalPath(diamond)).toEqual({ path: ['a', 'b', 'd'], totalMs: 31 * 60_000 });
  });

  it('GIVEN a custom duration function THEN it is used', () => {
    const weights: Record<string, number> = { a: 1, b: 1, c: 10, d: 1 };
    expect(computeCriticalPath(diamond, (b) => weights[b.id]!)).toEqual({ path: ['a', 'c', 'd'], totalMs: 12 });
  });
});

describe('planWaves', () => {
  it('GIVEN a diamond with one after-gate THEN each step lists what runs together and where a person is needed', () => {
    expect(planWaves(diamond)).toEqual([
      { step: 1, started: ['a'], waitsForPerson: [] },
      { step: 2, started: ['b', 'c'], waitsForPerson: [] },
      { step: 3, started: [], waitsForPerson: [{ blockId: 'c', position: 'after', kind: 'approval' }] },
      { step: 4, started: ['d'], waitsForPerson: [] },
    ]);
  });

  it('GIVEN "*": "auto" THEN no step waits for a person', () => {
    expect(planWaves(diamond, { '*': 'auto' }).flatMap((s) => s.waitsForPerson)).toEqual([]);
  });

  it('GIVEN "*": "gate" (a first run) THEN every block waits for a person after it runs', () => {
    expect(planWaves(diamond, { '*': 'gate' }).flatMap((s) => s.waitsForPerson.map((w) => w.blockId)).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('GIVEN a manual block and a threshold THEN the task is a person step and the threshold passes', () => {
    const tpl = template([
      block('a', { runtime: 'manual' }),
      block('b', { deps: ['a'], outputs: { artifacts: [{ key: 'out', format: 'md' }], metrics: [{ key: 'score' }] }, threshold: { metric: 'score', min: 0.85 } }),
    ]);
    expect(planWaves(tpl)).toEqual([
      { step: 1, started: [], waitsForPerson: [{ blockId: 'a', position: 'after', kind: 'task' }] },
      { step: 2, started: ['b'], waitsForPerson: [] },
    ]);
  });
});
