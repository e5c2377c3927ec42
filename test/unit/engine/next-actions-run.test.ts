import { describe, expect, it } from 'vitest';
import { nextActions, nextActionsFor } from '../../../src/engine/next-actions';
import { NOW, block, gate, snapshot, state, template } from './support/build';

describe('nextActions at the run level', () => {
  const tpl = template([block('a'), block('b', { deps: ['a'] }), block('c')]);

  it('GIVEN every block done or skipped THEN the run completes', () => {
    const snap = snapshot(tpl, [state('a', { status: 'done' }), state('b', { status: 'skipped' }), state('c', { status: 'done' })]);
    expect(nextActions(snap, NOW)).toEqual([{ type: 'complete-run' }]);
  });

  it('GIVEN a failed block and nothing left that can move THEN the run fails, naming it', () => {
    const snap = snapshot(tpl, [state('a', { status: 'failed' }), state('b', { status: 'blocked' }), state('c', { status: 'done' })]);
    expect(nextActions(snap, NOW)).toEqual([{ type: 'fail-run', failedBlocks: ['a'], reason: 'block `a` failed' }]);
  });

  it('GIVEN two failed blocks THEN the reason counts them', () => {
    const snap = snapshot(tpl, [state('a', { status: 'failed' }), state('b', { status: 'blocked' }), state('c', { status: 'failed' })]);
    expect(nextActions(snap, NOW)).toEqual([{ type: 'fail-run', failedBlocks: ['a', 'c'], reason: '2 blocks failed: `a`, `c`' }]);
  });

  it('GIVEN a failed block while another still runs THEN the run waits', () => {
    const snap = snapshot(tpl, [state('a', { status: 'done' }), state('b', { status: 'running' }), state('c', { status: 'failed' })]);
    expect(nextActions(snap, NOW)).toEqual([]);
  });

  it('GIVEN a cancelled block and the rest done THEN the run fails, saying so', () => {
    const snap = snapshot(tpl, [state('a', { status: 'done' }), state('b', { status: 'done' }), state('c', { status: 'cancelled' })]);
    expect(nextActions(snap, NOW)).toEqual([{ type: 'fail-run', failedBlocks: ['c'], reason: 'block `c` was cancelled' }]);
  });

  it('GIVEN a block action in the same step THEN the run verdict waits for the next step', () => {
    const snap = snapshot(tpl, [state('a', { status: 'running', outcome: { kind: 'failed', error: 'x', retryable: false } }), state('c', { status: 'done' })]);
    expect(nextActions(snap, NOW).map((a) => a.type)).toEqual(['fail-block']);
  });

  it('GIVEN a run that is not running THEN nothing happens', () => {
    for (const status of ['completed', 'failed', 'cancelled'] as const) {
      expect(nextActions({ ...snapshot(tpl), status }, NOW)).toEqual([]);
      expect(nextActionsFor({ ...snapshot(tpl), status }, ['a'], NOW)).toEqual([]);
    }
  });

  it('GIVEN the same states and gates in another order THEN the actions are the same, in template order', () => {
    const wide = template([block('x', { human_gate: 'after' }), block('y'), block('z', { human_gate: 'before' })]);
    const states = [
      state('x', { status: 'waiting', attempts: 1 }),
      state('y', { status: 'running', attempts: 1, outcome: { kind: 'complete', metrics: {} } }),
      state('z', { status: 'waiting' }),
    ];
    const gates = [gate('x', { id: 'gx', status: 'approved' }), gate('z', { id: 'gz', position: 'before', status: 'approved' })];
    const forward = nextActions({ ...snapshot(wide), blocks: states, gates }, NOW);
    const backward = nextActions({ ...snapshot(wide), blocks: [...states].reverse(), gates: [...gates].reverse() }, NOW);
    expect(backward).toEqual(forward);
    expect(forward.map((a) => ('blockId' in a ? a.blockId : a.type))).toEqual(['x', 'settle-gate', 'y', 'z', 'settle-gate']);
  });

  it('GIVEN a block state missing from the snapshot THEN it counts as pending', () => {
    expect(nextActions({ ...snapshot(tpl), blocks: [] }, NOW).map((a) => a.type)).toEqual(['start-block', 'start-block']);
  });
});

describe('nextActionsFor', () => {
  it('GIVEN one block just done THEN only its dependents are evaluated and they start', () => {
    const tpl = template([block('a'), block('b', { deps: ['a'] }), block('c', { deps: ['a'] }), block('d')]);
    // d is pending and would start in a full evaluation; the incremental one does not look at it.
    const snap = snapshot(tpl, [state('a', { status: 'done' })]);
    expect(nextActionsFor(snap, ['a'], NOW).map((a) => ('blockId' in a ? a.blockId : ''))).toEqual(['b', 'c']);
    expect(nextActions(snap, NOW).map((a) => ('blockId' in a ? a.blockId : ''))).toEqual(['b', 'c', 'd']);
  });

  it('GIVEN the last block done THEN the run-level check still completes the run', () => {
    const tpl = template([block('a'), block('b', { deps: ['a'] })]);
    const snap = snapshot(tpl, [state('a', { status: 'done' }), state('b', { status: 'done' })]);
    expect(nextActionsFor(snap, ['b'], NOW)).toEqual([{ type: 'complete-run' }]);
  });

  it('GIVEN an unknown block id THEN it is ignored', () => {
    const tpl = template([block('a', { human_gate: 'after' })]);
    const snap = snapshot(tpl, [state('a', { status: 'waiting', attempts: 1 })], [gate('a')]);
    expect(nextActionsFor(snap, ['nope'], NOW)).toEqual([]);
  });
});
