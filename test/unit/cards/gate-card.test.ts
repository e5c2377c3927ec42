import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildGateCard as buildGateCardWithTokens } from '../../../src/cards/gate-card';
import { BASE_URL, NOW, fieldValue, makeGate, minutesFromNow, readCard, asPlain } from './fixtures';

const buildGateCard = asPlain(buildGateCardWithTokens);

const ctx = { now: NOW, publicBaseUrl: BASE_URL };
const ids = (card: ReturnType<typeof buildGateCard>): string[] => (card.actions ?? []).map((a) => a.id);

describe('gate card (pending approval)', () => {
  afterEach(() => vi.useRealTimers());

  it('GIVEN a pending after-gate THEN the title names block and run', () => {
    const card = buildGateCard(makeGate(), ctx);
    expect(card.kind).toBe('gate');
    expect(card.title).toBe('Approve: Expert framework (clone-factory #12)');
  });

  it('GIVEN a before-gate THEN the title asks to approve the start', () => {
    const card = buildGateCard(makeGate({ position: 'before' }), ctx);
    expect(card.title).toBe('Approve start: Expert framework (clone-factory #12)');
    expect(card.description).toContain('ready to start');
  });

  it('GIVEN a deadline 3h 20m ahead THEN it says "due in 3h 20m" and the tone is pending', () => {
    const card = buildGateCard(makeGate(), ctx);
    expect(fieldValue(card, 'SLA')).toBe('due in 3h 20m (17:20 UTC)');
    expect(fieldValue(card, 'Opened')).toBe('1h 40m ago');
    expect(card.tone).toBe('pending');
  });

  it('GIVEN a deadline 40 minutes past THEN it says "overdue, was due 40m ago" with a warning tone', () => {
    const card = buildGateCard(makeGate({ deadlineAt: minutesFromNow(-40) }), ctx);
    expect(fieldValue(card, 'SLA')).toBe('overdue, was due 40m ago');
    expect(card.tone).toBe('warning');
    expect(card.summary).toContain('overdue by 40m');
  });

  it('GIVEN a critical gate past its deadline THEN the tone is danger', () => {
    expect(buildGateCard(makeGate({ deadlineAt: minutesFromNow(-1), priority: 'critical' }), ctx).tone).toBe('danger');
  });

  it('GIVEN no deadline THEN it says so', () => {
    expect(fieldValue(buildGateCard(makeGate({ deadlineAt: null }), ctx), 'SLA')).toBe('no deadline');
  });

  it('GIVEN a score above the threshold THEN it shows score vs minimum with a tick', () => {
    expect(fieldValue(buildGateCard(makeGate(), ctx), 'Score')).toBe('91% (minimum 85%) ✓');
  });

  it('GIVEN a score below the threshold THEN it says below the minimum', () => {
    const card = buildGateCard(makeGate({ metrics: { score: 0.78, tests: 27 } }), ctx);
    expect(fieldValue(card, 'Score')).toBe('78%: below the minimum 85% ✗');
    expect(fieldValue(card, 'Metrics')).toBe('tests 27');
  });

  it('GIVEN a threshold metric that was not reported THEN it says not reported', () => {
    expect(fieldValue(buildGateCard(makeGate({ metrics: {} }), ctx), 'Score')).toBe('not reported (minimum 85%)');
  });

  it('GIVEN next blocks THEN it says what approving starts', () => {
    const card = buildGateCard(makeGate(), ctx);
    expect(fieldValue(card, 'Approving starts')).toBe('Rubric builder, Demo compiler');
    expect(fieldValue(buildGateCard(makeGate({ nextBlocks: [] }), ctx), 'Approving starts')).toBe('no further blocks');
  });

  it('GIVEN priority, escalation, attempt and reworks THEN they are shown', () => {
    const card = buildGateCard(makeGate({ attempt: 3, reworks: 2, escalationLevel: 3, escalationStep: 'warn', priority: 'critical' }), ctx);
    expect(fieldValue(card, 'Priority')).toBe('🔴 critical');
    expect(fieldValue(card, 'Escalation')).toBe('level 3 · SLA warning');
    expect(fieldValue(card, 'Attempt')).toBe('3 (rework 2 of 3)');
    expect(card.description).toContain('finished attempt 3');
  });

  it('GIVEN no escalation yet THEN there is no escalation field', () => {
    expect(fieldValue(buildGateCard(makeGate(), ctx), 'Escalation')).toBeUndefined();
  });

  it('GIVEN an unclaimed gate THEN Approve is primary, Reject danger, Claim secondary, Details a link', () => {
    const card = buildGateCard(makeGate(), ctx);
    expect(card.actions).toEqual([
      { id: 'gate:g-101:approve', label: 'Approve', style: 'primary' },
      { id: 'gate:g-101:reject', label: 'Reject', style: 'danger' },
      { id: 'gate:g-101:claim', label: 'Claim', style: 'secondary' },
      { id: 'gate:g-101:details', label: 'Details', style: 'link', url: `${BASE_URL}/runs/run-12/gates/g-101` },
      { id: 'gate:g-101:reassign', label: 'Reassign', style: 'secondary' },
    ]);
  });

  it('GIVEN a claimed gate THEN there is no Claim button and it says who claimed it', () => {
    const card = buildGateCard(makeGate({ claimedBy: { id: 'u1', name: 'Ana' } }), ctx);
    expect(ids(card)).not.toContain('gate:g-101:claim');
    expect(fieldValue(card, 'Claimed')).toBe('Claimed by Ana');
  });

  it('GIVEN no public base URL THEN there is no Details link and no URL anywhere', () => {
    const card = buildGateCard(makeGate(), { now: NOW });
    expect(ids(card)).toEqual(['gate:g-101:approve', 'gate:g-101:reject', 'gate:g-101:claim', 'gate:g-101:reassign']);
    expect(card.url).toBeUndefined();
    expect(JSON.stringify(card)).not.toContain('http');
  });

  it('GIVEN a run thread URL THEN the card links to the thread', () => {
    expect(buildGateCard(makeGate({ runThreadUrl: 'https://discord.com/channels/1/2' }), ctx).url).toBe('https://discord.com/channels/1/2');
  });

  it('GIVEN artifacts THEN each is a section with its key, format and size', () => {
    const card = buildGateCard(makeGate(), ctx);
    expect(card.sections).toEqual([{ title: 'expert-framework (json, 61 B)', text: expect.stringContaining('Ada Lovelace') }]);
  });

  it('GIVEN the system clock is elsewhere THEN the card depends only on ctx.now', () => {
    const first = buildGateCard(makeGate(), ctx);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    expect(buildGateCard(makeGate(), ctx)).toEqual(first);
  });
});

describe('gate card (other kinds and modes)', () => {
  it('GIVEN a clarification THEN it shows the question with Answer and Reject', () => {
    const card = buildGateCard(makeGate({ kind: 'clarification', question: 'Which of the two books is canonical?' }), ctx);
    expect(card.title).toBe('Question: Expert framework (clone-factory #12)');
    expect(card.sections?.[0]).toEqual({ title: 'Question', text: 'Which of the two books is canonical?' });
    expect(ids(card)).toEqual(['gate:g-101:answer', 'gate:g-101:reject', 'gate:g-101:details']);
    expect(readCard(card)).toContain('needs an answer');
  });

  it('GIVEN a task THEN the buttons are Mark done and Can\'t do (approve and reject verbs) and Claim', () => {
    const card = buildGateCard(makeGate({ kind: 'task' }), { now: NOW });
    expect(card.title).toBe('Task: Expert framework (clone-factory #12)');
    expect(card.actions?.map((a) => [a.label, a.id])).toEqual([
      ['Mark done', 'gate:g-101:approve'],
      ["Can't do", 'gate:g-101:reject'],
      ['Claim', 'gate:g-101:claim'],
      ['Reassign', 'gate:g-101:reassign'],
    ]);
  });

  it('GIVEN a guided gate THEN it is an FYI that it ran on, with Flag for review and no Approve', () => {
    const card = buildGateCard(makeGate({ mode: 'guided', status: 'approved', decidedVia: 'autonomy', decidedAt: minutesFromNow(-5) }), ctx);
    expect(card.title).toBe('FYI: Expert framework (clone-factory #12)');
    expect(card.description).toContain('ran on automatically');
    expect(card.tone).toBe('info');
    expect(ids(card)).toEqual(['gate:g-101:flag', 'gate:g-101:details']);
  });

  it('GIVEN a guided gate someone flagged THEN it says by whom and the flag button is gone', () => {
    const card = buildGateCard(makeGate({ mode: 'guided', status: 'approved', flaggedBy: { name: 'Bo', platform: 'discord' } }), { now: NOW });
    expect(card.description).toContain('Flagged for review by Bo from Discord');
    expect(card.actions).toEqual([]);
  });
});
