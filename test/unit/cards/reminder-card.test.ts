import { describe, expect, it } from 'vitest';
import { buildReminderCard as buildReminderCardWithTokens } from '../../../src/cards/reminder-card';
import { BASE_URL, NOW, fieldValue, makeGate, minutesFromNow, asPlain } from './fixtures';

const buildReminderCard = asPlain(buildReminderCardWithTokens);

const ctx = { now: NOW, publicBaseUrl: BASE_URL };

describe('reminder card', () => {
  it('GIVEN a reminder step THEN it shows age, SLA left and Approve / Reject / Claim / Snooze', () => {
    const card = buildReminderCard(makeGate({ escalationLevel: 1 }), { action: 'remind' }, ctx);
    expect(card.kind).toBe('reminder');
    expect(card.title).toBe('Reminder: Expert framework (clone-factory #12)');
    expect(fieldValue(card, 'Opened')).toBe('1h 40m ago');
    expect(fieldValue(card, 'SLA')).toBe('due in 3h 20m (17:20 UTC)');
    expect(fieldValue(card, 'Escalation')).toBe('level 1 · reminder');
    expect(card.actions?.map((a) => a.id)).toEqual([
      'gate:g-101:approve',
      'gate:g-101:reject',
      'gate:g-101:claim',
      'gate:g-101:snooze',
      'gate:g-101:details',
      'gate:g-101:reassign',
    ]);
    expect(card.tone).toBe('pending');
  });

  it.each([
    ['mention', 'Still waiting', 'channel mention', 'pending'],
    ['warn', 'SLA warning', 'SLA warning', 'warning'],
    ['escalate', 'Escalated to admins', 'escalated to admins', 'danger'],
    ['page', 'Paging owner', 'paging owner', 'danger'],
  ] as const)('GIVEN a %s step THEN it is worded "%s"', (action, title, level, tone) => {
    const card = buildReminderCard(makeGate({ escalationLevel: 3 }), { action }, ctx);
    expect(card.title).toBe(`${title}: Expert framework (clone-factory #12)`);
    expect(fieldValue(card, 'Escalation')).toBe(`level 3 · ${level}`);
    expect(card.tone).toBe(tone);
  });

  it('GIVEN the step carries its level THEN that level is shown, not the gate\'s older one', () => {
    const card = buildReminderCard(makeGate({ escalationLevel: 1 }), { action: 'escalate', level: 4, mentions: [] }, ctx);
    expect(fieldValue(card, 'Escalation')).toBe('level 4 · escalated to admins');
  });

  it('GIVEN an @here step THEN @here is mentioned along with the configured mentions', () => {
    const card = buildReminderCard(makeGate(), { action: 'here', mentions: ['<@&123>'] }, ctx);
    expect(card.mentions).toEqual(['<@&123>', '@here']);
  });

  it('GIVEN no mentions THEN the card has none', () => {
    expect(buildReminderCard(makeGate(), { action: 'remind' }, ctx).mentions).toBeUndefined();
  });

  it('GIVEN an overdue gate THEN the reminder says so and turns at least to warning', () => {
    const card = buildReminderCard(makeGate({ deadlineAt: minutesFromNow(-40) }), { action: 'mention' }, ctx);
    expect(fieldValue(card, 'SLA')).toBe('overdue, was due 40m ago');
    expect(card.tone).toBe('warning');
  });

  it('GIVEN a claimed clarification THEN it offers Answer / Reject / Snooze and says who claimed it', () => {
    const card = buildReminderCard(makeGate({ kind: 'clarification', question: 'Which?', claimedBy: { id: 'u1', name: 'Ana' } }), { action: 'remind' }, { now: NOW });
    expect(card.actions?.map((a) => a.id)).toEqual(['gate:g-101:answer', 'gate:g-101:reject', 'gate:g-101:snooze']);
    expect(fieldValue(card, 'Claimed')).toBe('Claimed by Ana');
  });

  it('GIVEN the gate was decided before the reminder went out THEN the decided card is sent instead', () => {
    const card = buildReminderCard(
      makeGate({ status: 'approved', decidedAt: NOW, decidedBy: { name: 'Ana', platform: 'slack' }, decidedVia: 'button' }),
      { action: 'warn' },
      ctx,
    );
    expect(card.kind).toBe('gate');
    expect(card.description).toBe('Approved by Ana at 14:00 UTC from Slack');
    expect(card.actions?.some((a) => a.id.endsWith(':snooze'))).toBe(false);
  });
});
