import { describe, expect, it } from 'vitest';
import { applyAction, applyActions } from '../../../src/engine/apply-action';
import { NOW, block, gate, gateIds, snapshot, state, template } from './support/build';
import { nextActions } from '../../../src/engine/next-actions';

const tpl = template([block('a'), block('b', { deps: ['a'] })]);
const ids = () => gateIds();
const stateOf = (snap: ReturnType<typeof snapshot>, id: string) => snap.blocks.find((b) => b.blockId === id)!;
const running = state('a', { status: 'running', attempts: 1, retries: 1, outcome: { kind: 'failed', error: 'x', retryable: true }, error: 'old' });

describe('applyAction', () => {
  it('GIVEN start-block THEN the block is ready with the attempt, outcome and error cleared', () => {
    const next = applyAction(snapshot(tpl, [running]), { type: 'start-block', blockId: 'a', attempt: 2, cause: 'clarified', feedback: 'x' }, ids());
    expect(stateOf(next, 'a')).toMatchObject({ status: 'ready', attempts: 2, retries: 1, outcome: null, error: null });
  });

  it('GIVEN retry-block THEN the block is ready and a retry is consumed', () => {
    const next = applyAction(snapshot(tpl, [running]), { type: 'retry-block', blockId: 'a', attempt: 2, reason: 'r' }, ids());
    expect(stateOf(next, 'a')).toMatchObject({ status: 'ready', attempts: 2, retries: 2, reworks: 0, outcome: null });
  });

  it('GIVEN rework-block THEN the block is ready and a rework is consumed', () => {
    const next = applyAction(snapshot(tpl, [running]), { type: 'rework-block', blockId: 'a', attempt: 2, feedback: 'f', gateId: 'g' }, ids());
    expect(stateOf(next, 'a')).toMatchObject({ status: 'ready', attempts: 2, retries: 1, reworks: 1, outcome: null });
  });

  it('GIVEN open-gate in mode gate THEN the block waits on a new pending gate', () => {
    const next = applyAction(snapshot(tpl), { type: 'open-gate', blockId: 'a', position: 'before', kind: 'approval', attempt: 1, mode: 'gate' }, ids());
    expect(stateOf(next, 'a')).toMatchObject({ status: 'waiting', attempts: 0 });
    expect(next.gates).toEqual([{ id: 'gate-1', blockId: 'a', position: 'before', kind: 'approval', attempt: 1, status: 'pending', reason: null, settled: false }]);
  });

  it('GIVEN open-gate in mode guided or auto THEN the gate is recorded approved and unsettled', () => {
    for (const mode of ['guided', 'auto'] as const) {
      const next = applyAction(snapshot(tpl), { type: 'open-gate', blockId: 'a', position: 'after', kind: 'approval', attempt: 1, mode }, ids());
      expect(next.gates[0]).toMatchObject({ status: 'approved', settled: false });
    }
  });

  it('GIVEN a clarification gate THEN a clarification round is consumed', () => {
    const next = applyAction(snapshot(tpl, [running]), { type: 'open-gate', blockId: 'a', position: 'after', kind: 'clarification', attempt: 1, mode: 'gate', question: 'q' }, ids());
    expect(stateOf(next, 'a')).toMatchObject({ status: 'waiting', clarifications: 1 });
  });

  it('GIVEN a task gate THEN it is the person\'s attempt', () => {
    const next = applyAction(snapshot(tpl), { type: 'open-gate', blockId: 'a', position: 'after', kind: 'task', attempt: 1, mode: 'gate' }, ids());
    expect(stateOf(next, 'a')).toMatchObject({ status: 'waiting', attempts: 1 });
  });

  it('GIVEN complete-block THEN the block is done with its score', () => {
    const next = applyAction(snapshot(tpl, [running]), { type: 'complete-block', blockId: 'a', score: 0.9 }, ids());
    expect(stateOf(next, 'a')).toMatchObject({ status: 'done', score: 0.9, outcome: null, error: null });
  });

  it('GIVEN fail-block THEN the block is failed with the reason as its error', () => {
    const next = applyAction(snapshot(tpl, [running]), { type: 'fail-block', blockId: 'a', reason: 'boom' }, ids());
    expect(stateOf(next, 'a')).toMatchObject({ status: 'failed', error: 'boom', outcome: null });
  });

  it('GIVEN skip-block, block-block and unblock-block THEN the statuses follow', () => {
    let snap = applyAction(snapshot(tpl), { type: 'skip-block', blockId: 'a', reason: 'r' }, ids());
    expect(stateOf(snap, 'a').status).toBe('skipped');
    snap = applyAction(snap, { type: 'block-block', blockId: 'b', waitingOn: ['a'] }, ids());
    expect(stateOf(snap, 'b').status).toBe('blocked');
    snap = applyAction(snap, { type: 'unblock-block', blockId: 'b' }, ids());
    expect(stateOf(snap, 'b').status).toBe('pending');
  });

  it('GIVEN settle-gate THEN only that gate is settled', () => {
    const snap = snapshot(tpl, [], [gate('a', { id: 'one' }), gate('b', { id: 'two' })]);
    const next = applyAction(snap, { type: 'settle-gate', gateId: 'two' }, ids());
    expect(next.gates.map((g) => [g.id, g.settled])).toEqual([['one', false], ['two', true]]);
  });

  it('GIVEN complete-run or fail-run THEN the run status follows', () => {
    expect(applyAction(snapshot(tpl), { type: 'complete-run' }, ids()).status).toBe('completed');
    expect(applyAction(snapshot(tpl), { type: 'fail-run', reason: 'r', failedBlocks: ['a'] }, ids()).status).toBe('failed');
  });

  it('GIVEN an action THEN the input snapshot is left unchanged', () => {
    const snap = snapshot(tpl, [running]);
    const copy = structuredClone(snap);
    applyAction(snap, { type: 'complete-block', blockId: 'a', score: 1 }, ids());
    expect(snap).toEqual(copy);
  });

  it('GIVEN a block with no recorded state THEN the reducer creates it', () => {
    const next = applyAction({ ...snapshot(tpl), blocks: [] }, { type: 'start-block', blockId: 'b', attempt: 1, cause: 'initial' }, ids());
    expect(next.blocks).toEqual([state('b', { status: 'ready', attempts: 1, error: null })]);
  });

  it('GIVEN the actions of one step THEN applying them again changes nothing more (the engine is at rest after)', () => {
    const snap = snapshot(tpl, [state('a', { status: 'running', attempts: 1, outcome: { kind: 'complete', metrics: {} } })]);
    const after = applyActions(snap, nextActions(snap, NOW), ids());
    expect(stateOf(after, 'a').status).toBe('done');
    expect(nextActions(after, NOW)).toEqual([{ type: 'start-block', blockId: 'b', attempt: 1, cause: 'initial' }]);
  });
});
