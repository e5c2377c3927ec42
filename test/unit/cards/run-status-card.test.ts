import { describe, expect, it } from 'vitest';
import { groupBlocksByLayer, renderProgressBar } from '../../../src/cards/layer-progress';
import { buildRunListCard as buildRunListCardWithTokens } from '../../../src/cards/run-list-card';
import { buildRunStatusCard as buildRunStatusCardWithTokens } from '../../../src/cards/run-status-card';
import { BASE_URL, NOW, fieldValue, makeBlock, makeGate, makeRun, minutesFromNow, asPlain } from './fixtures';

const buildRunListCard = asPlain(buildRunListCardWithTokens);
const buildRunStatusCard = asPlain(buildRunStatusCardWithTokens);

const ctx = { now: NOW, publicBaseUrl: BASE_URL };

describe('run status card', () => {
  it('GIVEN a running run THEN the title, progress, elapsed, attempts and usage are shown', () => {
    const card = buildRunStatusCard(makeRun(), ctx);
    expect(card.kind).toBe('run-status');
    expect(card.title).toBe('🔄 clone-factory #12: running');
    expect(fieldValue(card, 'Progress')).toBe('5/9 blocks done, 1 failed');
    expect(fieldValue(card, 'Elapsed')).toBe('1h 20m');
    expect(fieldValue(card, 'Attempts')).toBe('11 (3 repeated)');
    expect(fieldValue(card, 'LLM usage')).toBe('12.3k in / 4.5k out tokens · $0.42');
    expect(fieldValue(card, 'Delivery problems')).toBeUndefined();
    expect(card.tone).toBe('warning'); // a block failed
  });

  it('GIVEN layers out of order THEN progress is by layer, in layer order, with a bar', () => {
    const titles = buildRunStatusCard(makeRun(), ctx).sections?.map((s) => s.title);
    expect(titles).toEqual(['L0 ▰▰ 2/2', 'L0.25 ▱ 0/1', 'L1 ▱ 0/1', 'L2 ▰▰▰▱▱ 3/5', 'Waiting on people']);
  });

  it('GIVEN blocks in several states THEN each line carries the state symbol and details', () => {
    const l2 = buildRunStatusCard(makeRun(), ctx).sections?.find((s) => s.title?.startsWith('L2'));
    expect(l2?.text.split('\n')).toEqual([
      '✅ Soul extractor: score 90%',
      '✅ Voice extractor: 2 attempts',
      '✅ Framework extractor',
      '🔄 Resource extractor: running, for 3m',
      '❌ Offer extractor: failed after 3 attempts: Rate limited by the model provider',
    ]);
  });

  it('GIVEN a fully done layer of several blocks THEN it folds into one line', () => {
    expect(buildRunStatusCard(makeRun(), ctx).sections?.[0]?.text).toBe('✅ all 2 done');
  });

  it('GIVEN a pending gate THEN its age and SLA left are listed', () => {
    const waiting = buildRunStatusCard(makeRun(), ctx).sections?.find((s) => s.title === 'Waiting on people');
    expect(waiting?.text).toBe('✋ **Expert framework**: approval, opened 1h 40m ago, due in 3h 20m (17:20 UTC)');
  });

  it('GIVEN undelivered messages THEN delivery problems are shown', () => {
    const card = buildRunStatusCard(makeRun({ deliveryProblems: 3 }), ctx);
    expect(fieldValue(card, 'Delivery problems')).toBe('3 messages not delivered yet');
  });

  it('GIVEN a running run THEN it offers Refresh and Cancel run, and Details with a base URL', () => {
    expect(buildRunStatusCard(makeRun(), ctx).actions?.map((a) => a.id)).toEqual(['run:run-12:status', 'run:run-12:cancel', 'run:run-12:details']);
    expect(buildRunStatusCard(makeRun(), { now: NOW }).actions?.map((a) => a.id)).toEqual(['run:run-12:status', 'run:run-12:cancel']);
  });

  it('GIVEN a completed run THEN it took its fixed time, no cancel button, success tone', () => {
    const run = makeRun({ status: 'completed', endedAt: minutesFromNow(-20), pendingGates: [], blocks: [makeBlock({ id: 'a', name: 'A', status: 'done', attempts: 1 })] });
    const card = buildRunStatusCard(run, ctx);
    expect(fieldValue(card, 'Took')).toBe('1h');
    expect(card.tone).toBe('success');
    expect(card.actions?.map((a) => a.id)).toEqual(['run:run-12:details']);
  });

  it('GIVEN a simulated run with no usage THEN the title says simulation and usage is none', () => {
    const card = buildRunStatusCard(makeRun({ simulate: true, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } }), ctx);
    expect(card.title).toContain('(simulation)');
    expect(fieldValue(card, 'LLM usage')).toBe('none');
  });
});

describe('layer progress', () => {
  it('GIVEN layer names THEN they sort numerically, other names after, no layer last', () => {
    const blocks = ['L10', 'misc', 'L2', null, 'L0.5', 'L0'].map((layer, i) => makeBlock({ id: `b${i}`, name: `B${i}`, layer }));
    expect(groupBlocksByLayer(blocks).map((g) => g.layer)).toEqual(['L0', 'L0.5', 'L2', 'L10', 'misc', '—']);
  });

  it('GIVEN more blocks than cells THEN the bar scales', () => {
    expect(renderProgressBar(3, 5)).toBe('▰▰▰▱▱');
    expect(renderProgressBar(10, 20)).toBe('▰▰▰▰▰▱▱▱▱▱');
    expect(renderProgressBar(0, 0)).toBe('');
  });
});

describe('run list card', () => {
  it('GIVEN two active runs THEN each is one compact section', () => {
    const other = makeRun({ id: 'run-13', name: 'clone-factory #13', pendingGates: [], deliveryProblems: 2 });
    const card = buildRunListCard([makeRun(), other], ctx);
    expect(card.kind).toBe('list');
    expect(card.title).toBe('Active runs (2)');
    expect(card.sections?.[0]).toEqual({
      title: '🔄 clone-factory #12',
      text: 'Clone factory · 5/9 blocks done, 1 failed · ✋ 1 waiting: Expert framework (due in 3h 20m (17:20 UTC)) · 1h 20m elapsed',
      moreUrl: `${BASE_URL}/runs/run-12`,
    });
    expect(card.sections?.[1]?.text).toContain('⚠️ 2 undelivered');
  });

  it('GIVEN several gates THEN the soonest deadline is shown', () => {
    const run = makeRun({ pendingGates: [makeGate({ deadlineAt: minutesFromNow(300) }), makeGate({ blockName: 'Gap review', deadlineAt: minutesFromNow(-5) })] });
    expect(buildRunListCard([run], ctx).sections?.[0]?.text).toContain('✋ 2 waiting: Expert framework, Gap review (overdue, was due 5m ago)');
  });

  it('GIVEN no runs THEN it says so', () => {
    const card = buildRunListCard([], ctx);
    expect(card.description).toBe('No active runs.');
    expect(card.sections).toEqual([]);
  });

  it('GIVEN twelve runs THEN ten are listed and the rest counted', () => {
    const runs = Array.from({ length: 12 }, (_, i) => makeRun({ id: `r${i}`, name: `run ${i}` }));
    const card = buildRunListCard(runs, ctx);
    expect(card.sections).toHaveLength(10);
    expect(card.footer).toBe('+2 more runs not shown');
  });
});
