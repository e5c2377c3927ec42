import { describe, expect, it } from 'vitest';
import { buildGateCard as buildGateCardWithTokens } from '../../../src/cards/gate-card';
import { describeDecision as describeDecisionWithTokens } from '../../../src/cards/describe-decision';
import { timeTokensAsText } from '../../../src/domain/time-token';
const describeDecision = (...args: Parameters<typeof describeDecisionWithTokens>) => timeTokensAsText(describeDecisionWithTokens(...args));
import type { GateView } from '../../../src/domain/views';
import { BASE_URL, NOW, fieldValue, makeGate, minutesFromNow, readCard, asPlain } from './fixtures';

const buildGateCard = asPlain(buildGateCardWithTokens);

const ctx = { now: NOW, publicBaseUrl: BASE_URL };
const decided = (overrides: Partial<GateView>): GateView =>
  makeGate({ decidedAt: new Date('2025-03-04T13:02:00Z'), ...overrides });
const buttons = (card: ReturnType<typeof buildGateCard>) => (card.actions ?? []).filter((a) => a.style !== 'link');

describe('decided gate card', () => {
  it('GIVEN Ana approved from Slack THEN it says "Approved by Ana at 13:02 UTC from Slack" and the buttons are gone', () => {
    const card = buildGateCard(decided({ status: 'approved', decidedBy: { name: 'Ana', platform: 'slack' }, decidedVia: 'button' }), ctx);
    expect(card.title).toBe('Approved: Expert framework (clone-factory #12)');
    expect(card.description).toBe('Approved by Ana at 13:02 UTC from Slack');
    expect(card.tone).toBe('success');
    expect(buttons(card)).toEqual([]);
    expect(card.actions?.map((a) => a.id)).toEqual(['gate:g-101:details']);
    expect(fieldValue(card, 'Started next')).toBe('Rubric builder, Demo compiler');
    expect(fieldValue(card, 'Open for')).toBe('42m');
  });

  it('GIVEN a rejection with a reason THEN it says who rejected, from where, and why', () => {
    const card = buildGateCard(
      decided({ status: 'rejected', decidedBy: { name: 'Bo', platform: 'discord' }, decidedVia: 'modal', reason: 'The engines pillar is missing.' }),
      ctx,
    );
    expect(card.title).toBe('Rejected: Expert framework (clone-factory #12)');
    expect(card.description).toBe('Rejected by Bo at 13:02 UTC from Discord: The engines pillar is missing.');
    expect(card.tone).toBe('danger');
    expect(buttons(card)).toEqual([]);
  });

  it('GIVEN a decision on an earlier day THEN the time carries the date', () => {
    const card = buildGateCard(
      makeGate({ status: 'approved', decidedAt: new Date('2025-03-03T09:15:00Z'), decidedBy: { name: 'Ana', platform: 'console' }, decidedVia: 'command' }),
      ctx,
    );
    expect(card.description).toBe('Approved by Ana at 2025-03-03 09:15 UTC from the console');
  });

  it('GIVEN an expired gate THEN it says it expired and was rejected automatically, and never "Approved by"', () => {
    const card = buildGateCard(decided({ status: 'expired', decidedVia: 'deadline' }), ctx);
    expect(card.title).toBe('Expired: Expert framework (clone-factory #12)');
    expect(card.description).toBe('Expired at the deadline (13:02 UTC) — rejected automatically (no person approved)');
    expect(card.tone).toBe('warning');
    expect(readCard(card)).not.toMatch(/Approved by/);
    expect(buttons(card)).toEqual([]);
  });

  it('GIVEN a deadline rejection that still names the person the gate was assigned to THEN no person is credited', () => {
    // The run service may carry the last claimant; a timeout must still not read as their decision.
    const card = buildGateCard(decided({ status: 'rejected', decidedVia: 'deadline', decidedBy: { name: 'Ana', platform: 'slack' } }), ctx);
    expect(card.description).toContain('Expired at the deadline');
    expect(card.description).toContain('no person approved');
    expect(readCard(card)).not.toContain('Ana');
  });

  it('GIVEN an approval at the deadline (allowed by the template) THEN it says automatic, not a person', () => {
    const card = buildGateCard(decided({ status: 'approved', decidedVia: 'deadline', decidedBy: { name: 'Ana', platform: 'slack' } }), ctx);
    expect(card.title).toBe('Auto-approved: Expert framework (clone-factory #12)');
    expect(card.description).toContain('Approved automatically at the deadline');
    expect(card.description).toContain('no person approved');
    expect(readCard(card)).not.toMatch(/Approved by/);
  });

  it('GIVEN an approval by the autonomy dial THEN it says it ran on and no person approved', () => {
    const card = buildGateCard(decided({ status: 'approved', decidedVia: 'autonomy', mode: 'auto' }), ctx);
    expect(card.title).toBe('Ran on: Expert framework (clone-factory #12)');
    expect(card.description).toBe('Ran on automatically at 13:02 UTC (autonomy: auto; no person approved)');
  });

  it('GIVEN a cancelled gate THEN it says cancelled with a neutral tone', () => {
    const card = buildGateCard(decided({ status: 'cancelled', decidedVia: 'system', reason: 'Run cancelled by Ana' }), ctx);
    expect(card.title).toBe('Cancelled: Expert framework (clone-factory #12)');
    expect(card.description).toBe('Cancelled at 13:02 UTC: Run cancelled by Ana');
    expect(describeDecision(decided({ status: 'cancelled' }), NOW)).toBe('Cancelled at 13:02 UTC (no decision needed any more)');
    expect(card.tone).toBe('neutral');
    expect(buttons(card)).toEqual([]);
  });

  it('GIVEN an answered clarification THEN it says "Answered by" with the answer', () => {
    const card = buildGateCard(
      decided({ kind: 'clarification', status: 'approved', decidedBy: { name: 'Ana', platform: 'slack' }, decidedVia: 'modal', reason: 'The 1843 notes.' }),
      ctx,
    );
    expect(card.title).toBe('Answered: Expert framework (clone-factory #12)');
    expect(card.description).toBe('Answered by Ana at 13:02 UTC from Slack: The 1843 notes.');
  });

  it('GIVEN a task marked done or declined THEN the wording fits a task', () => {
    const done = buildGateCard(decided({ kind: 'task', status: 'approved', decidedBy: { name: 'Ana', platform: 'slack' }, decidedVia: 'button' }), ctx);
    expect(done.description).toBe('Marked done by Ana at 13:02 UTC from Slack');
    const declined = buildGateCard(
      decided({ kind: 'task', status: 'rejected', decidedBy: { name: 'Ana', platform: 'slack' }, decidedVia: 'modal', reason: 'No access' }),
      ctx,
    );
    expect(declined.title).toBe('Declined: Expert framework (clone-factory #12)');
    expect(declined.description).toBe('Declined by Ana at 13:02 UTC from Slack: No access');
  });

  it('GIVEN a system approval without a person THEN it is attributed to Process Factory, not a person', () => {
    const text = describeDecision(decided({ status: 'approved', decidedVia: 'system' }), NOW);
    expect(text).toBe('Approved by Process Factory at 13:02 UTC (no person approved)');
  });

  it('GIVEN a very long reason THEN the card cuts it', () => {
    const card = buildGateCard(
      decided({ status: 'rejected', decidedBy: { name: 'Ana', platform: 'slack' }, decidedVia: 'modal', reason: 'x'.repeat(3000) }),
      ctx,
    );
    expect(card.description!.length).toBeLessThan(600);
    expect(card.description).toMatch(/…$/);
  });

  it('GIVEN a guided gate that a reviewer later rejected THEN it shows the decision, not the FYI', () => {
    const card = buildGateCard(decided({ mode: 'guided', status: 'rejected', decidedBy: { name: 'Bo', platform: 'slack' }, decidedVia: 'button', reason: 'wrong' }), ctx);
    expect(card.title).toBe('Rejected: Expert framework (clone-factory #12)');
  });

  it('GIVEN a decided gate THEN its timestamp is the decision time', () => {
    expect(buildGateCard(decided({ status: 'expired' }), ctx).timestamp).toEqual(new Date('2025-03-04T13:02:00Z'));
    expect(buildGateCard(makeGate({ status: 'expired', decidedAt: null }), ctx).timestamp).toEqual(minutesFromNow(-100));
  });
});
