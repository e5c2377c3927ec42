import { describe, expect, it } from 'vitest';
import { nextActions } from '../../../src/engine/next-actions';
import { NOW, block, snapshot, state, template } from './support/build';

describe('nextActions for pending and blocked blocks', () => {
  const chain = template([block('a'), block('b', { deps: ['a'] })]);

  it('GIVEN a block without dependencies THEN it starts as attempt 1', () => {
    expect(nextActions(snapshot(chain), NOW)).toEqual([{ type: 'start-block', blockId: 'a', attempt: 1, cause: 'initial' }]);
  });

  it('GIVEN a dependency not yet done THEN the dependent waits', () => {
    expect(nextActions(snapshot(chain, [state('a', { status: 'running', attempts: 1 })]), NOW)).toEqual([]);
  });

  it('GIVEN every dependency done THEN the dependent starts', () => {
    expect(nextActions(snapshot(chain, [state('a', { status: 'done', attempts: 1 })]), NOW)).toEqual([
      { type: 'start-block', blockId: 'b', attempt: 1, cause: 'initial' },
    ]);
  });

  it('GIVEN a before-gate THEN an approval gate opens for the next attempt instead of starting', () => {
    const tpl = template([block('a', { human_gate: 'before' })]);
    expect(nextActions(snapshot(tpl), NOW)).toEqual([
      { type: 'open-gate', blockId: 'a', position: 'before', kind: 'approval', attempt: 1, mode: 'gate' },
    ]);
  });

  it('GIVEN a before-gate with a guided override THEN the gate opens in guided mode', () => {
    const tpl = template([block('a', { human_gate: 'before' })]);
    expect(nextActions(snapshot(tpl, [], [], { a: 'guided' }), NOW)).toEqual([
      { type: 'open-gate', blockId: 'a', position: 'before', kind: 'approval', attempt: 1, mode: 'guided' },
    ]);
  });

  it('GIVEN a manual block ready to go THEN a task gate opens for a person instead of start-block', () => {
    const tpl = template([block('a', { runtime: 'manual' })]);
    expect(nextActions(snapshot(tpl), NOW)).toEqual([
      { type: 'open-gate', blockId: 'a', position: 'after', kind: 'task', attempt: 1, mode: 'gate' },
    ]);
  });

  it('GIVEN a failed dependency THEN the block is blocked, naming it', () => {
    expect(nextActions(snapshot(chain, [state('a', { status: 'failed' })]), NOW)).toEqual([{ type: 'block-block', blockId: 'b', waitingOn: ['a'] }]);
  });

  it('GIVEN a blocked dependency THEN the block is blocked too', () => {
    const tpl = template([block('a'), block('b', { deps: ['a'] }), block('c', { deps: ['b'] })]);
    const snap = snapshot(tpl, [state('a', { status: 'failed' }), state('b', { status: 'blocked' })]);
    expect(nextActions(snap, NOW)).toEqual([{ type: 'block-block', blockId: 'c', waitingOn: ['b'] }]);
  });

  it('GIVEN a skipped or cancelled dependency THEN the block is skipped', () => {
    for (const status of ['skipped', 'cancelled'] as const) {
      const actions = nextActions(snapshot(chain, [state('a', { status })]), NOW);
      expect(actions).toEqual([{ type: 'skip-block', blockId: 'b', reason: 'its dependency `a` will not run' }]);
    }
  });

  it('GIVEN one dependency skipped and another failed THEN skipping wins, because it is final', () => {
    const tpl = template([block('a'), block('x'), block('b', { deps: ['a', 'x'] })]);
    const actions = nextActions(snapshot(tpl, [state('a', { status: 'skipped' }), state('x', { status: 'failed' })]), NOW);
    expect(actions.map((a) => a.type)).toEqual(['skip-block']);
  });

  it('GIVEN a blocked block whose failed dependency is being retried THEN it is unblocked', () => {
    const snap = snapshot(chain, [state('a', { status: 'ready', attempts: 2 }), state('b', { status: 'blocked' })]);
    expect(nextActions(snap, NOW)).toEqual([{ type: 'unblock-block', blockId: 'b' }]);
  });

  it('GIVEN a blocked block whose dependency is still failed THEN it stays blocked and the run fails', () => {
    const snap = snapshot(chain, [state('a', { status: 'failed' }), state('b', { status: 'blocked' })]);
    expect(nextActions(snap, NOW)).toEqual([{ type: 'fail-run', failedBlocks: ['a'], reason: 'block `a` failed' }]);
  });

  it('GIVEN a block that reads two outputs of one dependency THEN it starts once', () => {
    const tpl = template([
      block('a', { outputs: { artifacts: [{ key: 'x', format: 'md' }, { key: 'y', format: 'md' }] } }),
      { ...block('b'), inputs: { depends: [{ block: 'a', key: 'x' }, { block: 'a', key: 'y' }] } },
    ]);
    expect(nextActions(snapshot(tpl, [state('a', { status: 'done' })]), NOW)).toEqual([
      { type: 'start-block', blockId: 'b', attempt: 1, cause: 'initial' },
    ]);
  });
});
