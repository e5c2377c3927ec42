import { describe, expect, it } from 'vitest';
import { computeBlockers } from '../../../src/engine/compute-blockers';
import { NOW, block, gate, snapshot, state, template } from './support/build';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const tpl = template([
  block('a', { human_gate: 'after' }),
  block('b', { deps: ['a'] }),
  block('c', { deps: ['b'] }),
  block('x', { human_gate: 'before' }),
  block('y'),
  block('z', { deps: ['y'] }),
]);

describe('computeBlockers', () => {
  const snap = snapshot(
    tpl,
    [state('a', { status: 'waiting', attempts: 1 }), state('x', { status: 'waiting' }), state('y', { status: 'failed', error: 'quota exceeded' }), state('z', { status: 'blocked' })],
    [
      gate('a', { id: 'ga', openedAt: ago(5 * HOUR), deadlineAt: ago(HOUR), escalationLevel: 3 }),
      gate('x', { id: 'gx', position: 'before', openedAt: ago(HOUR), priority: 'critical', claimedBy: 'U1' }),
      gate('y', { id: 'old', status: 'approved', settled: true }),
    ],
  );

  it('GIVEN pending gates THEN they are ordered by priority, with age, SLA left and ownership', () => {
    const [first, second] = computeBlockers(snap, NOW);
    expect(first).toMatchObject({ type: 'gate', gateId: 'gx', blockId: 'x', position: 'before', priority: 'critical', ageMs: HOUR, slaLeftMs: null, claimedBy: 'U1', reason: 'awaiting decision', waitingBlocks: [] });
    expect(second).toMatchObject({ type: 'gate', gateId: 'ga', priority: 'medium', ageMs: 5 * HOUR, slaLeftMs: -HOUR, escalationLevel: 3, reason: 'SLA breached', waitingBlocks: ['b', 'c'] });
  });

  it('GIVEN a failed block THEN it follows the gates, with its error and the blocks waiting on it', () => {
    expect(computeBlockers(snap, NOW)[2]).toEqual({ type: 'failed', blockId: 'y', error: 'quota exceeded', waitingBlocks: ['z'] });
    expect(computeBlockers(snap, NOW)).toHaveLength(3);
  });

  it('GIVEN an unclaimed gate open for 4h or more THEN the reason says so', () => {
    const s = snapshot(tpl, [], [gate('a', { openedAt: ago(4 * HOUR) })]);
    expect(computeBlockers(s, NOW)[0]).toMatchObject({ reason: 'unclaimed for 4h+' });
  });

  it('GIVEN equal priorities THEN the gate blocked longest comes first', () => {
    const s = snapshot(tpl, [], [gate('a', { id: 'new', openedAt: ago(HOUR) }), gate('x', { id: 'old', openedAt: ago(2 * HOUR) })]);
    expect(computeBlockers(s, NOW).map((b) => (b.type === 'gate' ? b.gateId : ''))).toEqual(['old', 'new']);
  });

  it('GIVEN downstream blocks already finished THEN they are not listed as waiting', () => {
    const s = snapshot(tpl, [state('b', { status: 'skipped' })], [gate('a')]);
    expect(computeBlockers(s, NOW)[0]).toMatchObject({ waitingBlocks: ['c'] });
  });
});
