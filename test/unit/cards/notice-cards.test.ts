import { describe, expect, it } from 'vitest';
import { buildBlockFailedCard } from '../../../src/cards/block-failed-card';
import { buildApproveConfirmation, buildCancelRunConfirmation } from '../../../src/cards/confirmation-card';
import { buildRunFinishedCard, buildRunStartedCard } from '../../../src/cards/run-notice-cards';
import { BASE_URL, NOW, fieldValue, makeBlock, makeGate, makeRun, minutesFromNow } from './fixtures';

const ctx = { now: NOW, publicBaseUrl: BASE_URL };

describe('run notices', () => {
  it('GIVEN a started run with a thread THEN it links the thread and lists params and autonomy', () => {
    const run = makeRun({ threadUrl: 'https://slack.example/thread/1', autonomy: { '*': 'guided', 'clone-tester': 'gate' } });
    const card = buildRunStartedCard(run, ctx);
    expect(card.title).toBe('▶️ Started: clone-factory #12');
    expect(card.url).toBe('https://slack.example/thread/1');
    expect(card.description).toContain('Follow it in the thread: https://slack.example/thread/1');
    expect(fieldValue(card, 'Parameters')).toBe('expert_name=Ada Lovelace');
    expect(fieldValue(card, 'Autonomy')).toBe('every gate: guided, clone-tester: gate');
    expect(card.actions?.map((a) => [a.id, a.label])).toEqual([
      ['run:run-12:status', 'Status'],
      ['run:run-12:details', 'Open thread'],
    ]);
  });

  it('GIVEN a completed run THEN it says completed after how long, with success tone', () => {
    const card = buildRunFinishedCard(makeRun({ status: 'completed', endedAt: minutesFromNow(-5), blocks: [], pendingGates: [] }), ctx);
    expect(card.title).toBe('✅ Completed: clone-factory #12');
    expect(card.description).toBe('**Clone factory** completed after 1h 15m.');
    expect(card.tone).toBe('success');
  });

  it('GIVEN a failed run THEN it names the failed blocks and their errors', () => {
    const card = buildRunFinishedCard(makeRun({ status: 'failed', endedAt: NOW, endReason: 'Offer extractor failed after 3 attempts.' }), ctx);
    expect(card.title).toBe('❌ Failed: clone-factory #12');
    expect(card.tone).toBe('danger');
    expect(card.description).toContain('Failed: Offer extractor (Rate limited by the model provider)');
    expect(card.description).toContain('Offer extractor failed after 3 attempts.');
  });

  it('GIVEN a cancelled run THEN it says who cancelled it, neutral tone', () => {
    const card = buildRunFinishedCard(makeRun({ status: 'cancelled', endedAt: NOW, endReason: 'Cancelled by Ana from Slack.' }), ctx);
    expect(card.title).toBe('🚫 Cancelled: clone-factory #12');
    expect(card.tone).toBe('neutral');
    expect(card.description).toContain('Cancelled by Ana from Slack.');
  });
});

describe('block failed card', () => {
  const failed = makeBlock({ id: 'offer-extractor', name: 'Offer extractor', layer: 'L2', status: 'failed', attempts: 3, error: 'Rate limited', endedAt: minutesFromNow(-1) });

  it('GIVEN a failed block THEN it shows the error, attempts and a Retry action', () => {
    const card = buildBlockFailedCard(makeRun({ blocks: [failed, makeBlock({ id: 'x', name: 'Gap analyzer', status: 'blocked' })] }), failed, ctx);
    expect(card.title).toBe('❌ Failed: Offer extractor (clone-factory #12)');
    expect(fieldValue(card, 'Attempts')).toBe('3');
    expect(fieldValue(card, 'Held up')).toBe('Gap analyzer');
    expect(card.sections).toEqual([{ title: 'Error', text: 'Rate limited' }]);
    expect(card.actions?.[0]).toEqual({ id: 'block:run-12:offer-extractor:retry', label: 'Retry', style: 'primary' });
  });

  it('GIVEN a very long error THEN it is cut and links to the run', () => {
    const card = buildBlockFailedCard(makeRun(), { ...failed, error: 'e'.repeat(5000) }, ctx);
    expect(card.sections?.[0]?.text.length).toBeLessThanOrEqual(1500);
    expect(card.sections?.[0]?.moreUrl).toBe(`${BASE_URL}/runs/run-12`);
  });

  it('GIVEN no error text THEN it says none was recorded', () => {
    expect(buildBlockFailedCard(makeRun(), { ...failed, error: null }, ctx).sections?.[0]?.text).toBe('No error message was recorded.');
  });
});

describe('confirmation cards', () => {
  it('GIVEN a cancel request THEN Confirm is run:<id>:cancel:confirm and Keep running dismisses', () => {
    const card = buildCancelRunConfirmation(makeRun(), ctx);
    expect(card.title).toBe('Cancel clone-factory #12?');
    expect(card.description).toBe('This stops 1 running block and closes 1 open gate. A cancelled run cannot be resumed.');
    expect(card.actions).toEqual([
      { id: 'run:run-12:cancel:confirm', label: 'Confirm', style: 'danger' },
      { id: 'run:run-12:cancel:dismiss', label: 'Keep running', style: 'secondary' },
    ]);
  });

  it('GIVEN a gate that wants confirmation THEN approve:confirm and approve:dismiss are offered', () => {
    const card = buildApproveConfirmation(makeGate({ confirm: true }), ctx);
    expect(card.actions?.map((a) => a.id)).toEqual(['gate:g-101:approve:confirm', 'gate:g-101:approve:dismiss']);
    expect(card.description).toContain('Approving starts Rubric builder, Demo compiler.');
  });
});
