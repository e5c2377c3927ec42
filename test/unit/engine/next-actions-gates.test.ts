import { describe, expect, it } from 'vitest';
import { nextActions } from '../../../src/engine/next-actions';
import { NOW, block, gate, snapshot, state, template } from './support/build';

const waiting = (fields = {}) => state('a', { status: 'waiting', attempts: 1, ...fields });

describe('nextActions for a decided before-gate', () => {
  const tpl = template([block('a', { human_gate: 'before' })]);
  const before = (fields = {}) => gate('a', { position: 'before', attempt: 1, ...fields });

  it('GIVEN a pending gate THEN nothing happens', () => {
    expect(nextActions(snapshot(tpl, [waiting({ attempts: 0 })], [before()]), NOW)).toEqual([]);
  });

  it('GIVEN approval THEN the block starts and the gate is settled', () => {
    expect(nextActions(snapshot(tpl, [waiting({ attempts: 0 })], [before({ status: 'approved' })]), NOW)).toEqual([
      { type: 'start-block', blockId: 'a', attempt: 1, cause: 'gate-approved' },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });

  it('GIVEN approval that was already settled THEN nothing happens again', () => {
    expect(nextActions(snapshot(tpl, [waiting({ attempts: 0 })], [before({ status: 'approved', settled: true })]), NOW)).toEqual([]);
  });

  it('GIVEN rejection THEN the block is skipped with the reviewer reason', () => {
    expect(nextActions(snapshot(tpl, [waiting({ attempts: 0 })], [before({ status: 'rejected', reason: 'not this week' })]), NOW)).toEqual([
      { type: 'skip-block', blockId: 'a', reason: 'not this week', gateId: 'g-a' },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });

  it('GIVEN expiry THEN the block fails', () => {
    expect(nextActions(snapshot(tpl, [waiting({ attempts: 0 })], [before({ status: 'expired' })]), NOW)).toEqual([
      { type: 'fail-block', blockId: 'a', reason: 'the before-gate expired without a decision', gateId: 'g-a' },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });

  it('GIVEN an approved before-gate on a manual block THEN a task gate opens instead of a start', () => {
    const manual = template([block('a', { human_gate: 'before', runtime: 'manual' })]);
    expect(nextActions(snapshot(manual, [waiting({ attempts: 0 })], [before({ status: 'approved' })]), NOW)).toEqual([
      { type: 'open-gate', blockId: 'a', position: 'after', kind: 'task', attempt: 1, mode: 'gate' },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });

  it('GIVEN an older settled gate and a newer decided one THEN the newer one (by attempt) is acted on', () => {
    const gates = [before({ id: 'new', attempt: 2, status: 'approved' }), before({ id: 'old', attempt: 1, status: 'rejected', settled: true })];
    expect(nextActions(snapshot(tpl, [waiting({ attempts: 1 })], gates), NOW)[0]).toMatchObject({ type: 'start-block', attempt: 2 });
  });
});

describe('nextActions for a decided after-gate', () => {
  const tpl = template([block('a', { human_gate: 'after', max_reworks: 2 })]);

  it('GIVEN approval THEN the block completes with the score of its attempt', () => {
    const snap = snapshot(tpl, [waiting({ outcome: { kind: 'complete', metrics: { score: 0.9 } } })], [gate('a', { status: 'approved' })]);
    expect(nextActions(snap, NOW)).toEqual([
      { type: 'complete-block', blockId: 'a', score: 0.9, gateId: 'g-a' },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });

  it('GIVEN rejection with reworks left THEN the block is reworked with the feedback as the next attempt', () => {
    const snap = snapshot(tpl, [waiting({ attempts: 2, reworks: 1 })], [gate('a', { attempt: 2, status: 'rejected', reason: 'tone is off' })]);
    expect(nextActions(snap, NOW)).toEqual([
      { type: 'rework-block', blockId: 'a', attempt: 3, feedback: 'tone is off', gateId: 'g-a' },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });

  it('GIVEN rejection with no reworks left THEN the block fails, counting rejections', () => {
    const snap = snapshot(tpl, [waiting({ attempts: 3, reworks: 2 })], [gate('a', { attempt: 3, status: 'rejected', reason: 'still off' })]);
    expect(nextActions(snap, NOW)[0]).toEqual({ type: 'fail-block', blockId: 'a', reason: 'rejected 3 times; last feedback: still off', gateId: 'g-a' });
  });

  it('GIVEN expiry THEN the block fails', () => {
    const snap = snapshot(tpl, [waiting()], [gate('a', { status: 'expired' })]);
    expect(nextActions(snap, NOW)[0]).toEqual({ type: 'fail-block', blockId: 'a', reason: 'the after-gate expired without a decision', gateId: 'g-a' });
  });

  it('GIVEN an answered clarification THEN the next attempt starts with the answer as feedback', () => {
    const snap = snapshot(tpl, [waiting({ attempts: 1, clarifications: 1 })], [gate('a', { kind: 'clarification', status: 'approved', reason: 'use the blue logo' })]);
    expect(nextActions(snap, NOW)).toEqual([
      { type: 'start-block', blockId: 'a', attempt: 2, cause: 'clarified', feedback: 'use the blue logo' },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });

  it('GIVEN a declined clarification THEN the block fails', () => {
    const snap = snapshot(tpl, [waiting()], [gate('a', { kind: 'clarification', status: 'rejected', reason: 'out of scope' })]);
    expect(nextActions(snap, NOW)[0]).toEqual({ type: 'fail-block', blockId: 'a', reason: 'the clarification was declined: out of scope', gateId: 'g-a' });
  });

  it('GIVEN an expired clarification THEN the block fails', () => {
    const snap = snapshot(tpl, [waiting()], [gate('a', { kind: 'clarification', status: 'expired' })]);
    expect(nextActions(snap, NOW)[0]).toMatchObject({ type: 'fail-block', reason: 'the clarification expired without a decision' });
  });

  it('GIVEN a guided gate recorded approved by the system THEN the block completes like any approval', () => {
    const snap = snapshot(tpl, [waiting()], [gate('a', { status: 'approved' })], { a: 'guided' });
    expect(nextActions(snap, NOW).map((a) => a.type)).toEqual(['complete-block', 'settle-gate']);
  });
});

describe('nextActions for a manual task', () => {
  it('GIVEN an approved task and no after-gate THEN the block completes', () => {
    const tpl = template([block('a', { runtime: 'manual' })]);
    const snap = snapshot(tpl, [waiting()], [gate('a', { kind: 'task', status: 'approved' })]);
    expect(nextActions(snap, NOW)).toEqual([
      { type: 'complete-block', blockId: 'a', score: null },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });

  it('GIVEN an approved task and an after-gate THEN the approval gate opens for the same attempt', () => {
    const tpl = template([block('a', { runtime: 'manual', human_gate: 'after' })]);
    const snap = snapshot(tpl, [waiting()], [gate('a', { kind: 'task', status: 'approved' })]);
    expect(nextActions(snap, NOW)).toEqual([
      { type: 'open-gate', blockId: 'a', position: 'after', kind: 'approval', attempt: 1, mode: 'gate' },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });

  it('GIVEN a settled task and a pending approval of the same attempt THEN the approval is the current gate', () => {
    const tpl = template([block('a', { runtime: 'manual', human_gate: 'after' })]);
    const gates = [gate('a', { id: 'approval', status: 'approved' }), gate('a', { id: 'task', kind: 'task', status: 'approved', settled: true })];
    expect(nextActions(snapshot(tpl, [waiting()], gates), NOW)[0]).toMatchObject({ type: 'complete-block', gateId: 'approval' });
  });

  it('GIVEN a rejected task THEN the block fails', () => {
    const tpl = template([block('a', { runtime: 'manual' })]);
    const snap = snapshot(tpl, [waiting()], [gate('a', { kind: 'task', status: 'rejected', reason: 'cannot do' })]);
    expect(nextActions(snap, NOW)[0]).toEqual({ type: 'fail-block', blockId: 'a', reason: 'the task was rejected: cannot do', gateId: 'g-a' });
  });

  it('GIVEN a rejected approval of a manual block THEN rework opens a new task with the feedback in the same step', () => {
    const tpl = template([block('a', { runtime: 'manual', human_gate: 'after' })]);
    const snap = snapshot(tpl, [waiting()], [gate('a', { status: 'rejected', reason: 'wrong file' })]);
    expect(nextActions(snap, NOW)).toEqual([
      { type: 'rework-block', blockId: 'a', attempt: 2, feedback: 'wrong file', gateId: 'g-a' },
      { type: 'open-gate', blockId: 'a', position: 'after', kind: 'task', attempt: 2, mode: 'gate', question: 'Rework requested: wrong file' },
      { type: 'settle-gate', gateId: 'g-a' },
    ]);
  });
});
