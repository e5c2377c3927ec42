import { describe, expect, it } from 'vitest';
import { buildBlockersCard as buildBlockersCardWithTokens, describeBlockerReason, sortBlockersByUrgency } from '../../../src/cards/blockers-card';
import { BASE_URL, NOW, makeBlocker, minutesFromNow, asPlain } from './fixtures';

const buildBlockersCard = asPlain(buildBlockersCardWithTokens);

const ctx = { now: NOW, publicBaseUrl: BASE_URL };

describe('blockers card', () => {
  it('GIVEN nothing is stuck THEN it says "Nothing is stuck"', () => {
    const card = buildBlockersCard([], ctx);
    expect(card.title).toBe('Nothing is stuck');
    expect(card.tone).toBe('success');
  });

  it('GIVEN blockers THEN the most urgent comes first: breached, then priority, then SLA left, then age', () => {
    const calm = makeBlocker({ blockName: 'Calm', priority: 'critical', deadlineAt: minutesFromNow(600) });
    const breached = makeBlocker({ blockName: 'Breached', priority: 'low', reason: 'sla-breached', deadlineAt: minutesFromNow(-30) });
    const soon = makeBlocker({ blockName: 'Soon', priority: 'critical', deadlineAt: minutesFromNow(10) });
    const oldMedium = makeBlocker({ blockName: 'Old medium', priority: 'medium', deadlineAt: null, since: minutesFromNow(-900) });
    const newMedium = makeBlocker({ blockName: 'New medium', priority: 'medium', deadlineAt: null, since: minutesFromNow(-10) });
    const sorted = sortBlockersByUrgency([newMedium, calm, oldMedium, soon, breached], NOW);
    expect(sorted.map((b) => b.blockName)).toEqual(['Breached', 'Soon', 'Calm', 'Old medium', 'New medium']);
    const card = buildBlockersCard([newMedium, calm, oldMedium, soon, breached], ctx);
    expect(card.sections?.map((s) => s.title)).toEqual([
      '⚪ Breached (clone-factory #12)',
      '🔴 Soon (clone-factory #12)',
      '🔴 Calm (clone-factory #12)',
      '🟡 Old medium (clone-factory #12)',
      '🟡 New medium (clone-factory #12)',
    ]);
    expect(card.tone).toBe('danger');
  });

  it('GIVEN a breached gate THEN it shows reason, age, SLA, escalation, who must act and what waits', () => {
    const card = buildBlockersCard(
      [makeBlocker({ reason: 'sla-breached', deadlineAt: minutesFromNow(-40), escalationLevel: 4, claimedBy: { id: 'u', name: 'Ana' } })],
      ctx,
    );
    expect(card.sections?.[0]?.text.split('\n')).toEqual([
      '**SLA breached** · stuck since 12:20 UTC · overdue, was due 40m ago · escalation level 4',
      'Must act: reviewers (claimed by Ana)',
      'Waiting downstream: Rubric builder, Demo compiler',
    ]);
    expect(card.sections?.[0]?.moreUrl).toBe(`${BASE_URL}/runs/run-12/gates/g-101`);
  });

  it('GIVEN each reason THEN it is worded for people', () => {
    expect(describeBlockerReason(makeBlocker({ reason: 'unclaimed', since: minutesFromNow(-260) }), NOW)).toBe('Unclaimed for 4h 20m');
    expect(describeBlockerReason(makeBlocker({ reason: 'awaiting-decision' }), NOW)).toBe('Awaiting decision');
    expect(describeBlockerReason(makeBlocker({ reason: 'unassigned' }), NOW)).toBe('Nobody is assigned to decide');
    expect(describeBlockerReason(makeBlocker({ kind: 'failed-block', reason: 'failed', error: 'exit code 2' }), NOW)).toBe('Failed: exit code 2');
  });

  it('GIVEN a failed block THEN it links to the run and names who must act', () => {
    const card = buildBlockersCard(
      [makeBlocker({ kind: 'failed-block', gateId: null, reason: 'failed', error: 'timeout', mustAct: ['operators'], deadlineAt: null, waitingBlocks: [] })],
      ctx,
    );
    expect(card.sections?.[0]?.text).toBe('**Failed: timeout** · stuck since 12:20 UTC\nMust act: operators');
    expect(card.sections?.[0]?.moreUrl).toBe(`${BASE_URL}/runs/run-12`);
  });

  it('GIVEN many blockers THEN ten are listed and the rest counted', () => {
    const card = buildBlockersCard(Array.from({ length: 13 }, (_, i) => makeBlocker({ blockName: `B${i}` })), ctx);
    expect(card.sections).toHaveLength(10);
    expect(card.footer).toBe('+3 more not shown');
    expect(card.title).toBe('Blockers (13)');
  });
});
