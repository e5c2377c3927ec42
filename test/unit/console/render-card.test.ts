import { describe, expect, it } from 'vitest';
import { renderCardForTerminal } from '../../../adapters/console/render-card';
import { measureWidth, stripAnsi } from '../../../adapters/console/render-text-width';
import { buildBlockersCard } from '../../../src/cards/blockers-card';
import { buildGateCard } from '../../../src/cards/gate-card';
import { buildRunStatusCard } from '../../../src/cards/run-status-card';
import type { Card } from '../../../src/domain/card';
import { BASE_URL, NOW, makeBlocker, makeGate, makeRun } from '../cards/fixtures';

const ctx = { now: NOW, publicBaseUrl: BASE_URL };
const longPreview = `${'Supercalifragilisticexpialidocious'.repeat(4)} ${'The analytical engine weaves algebraic patterns. '.repeat(30)}`;
const gateCard = (): Card =>
  buildGateCard(
    makeGate({ artifacts: [{ key: 'intel-report', format: 'md', preview: longPreview, sizeBytes: 12_000 }, ...makeGate().artifacts] }),
    ctx,
  );
const lines = (text: string): string[] => text.split('\n');

describe.each([60, 100])('gate card in the console at width %i', (width) => {
  const rendered = renderCardForTerminal(gateCard(), { width, color: false });

  it('THEN every line fits the width', () => {
    for (const line of lines(rendered.text)) expect(measureWidth(line)).toBeLessThanOrEqual(width);
  });

  it('THEN the box has its four corners and its rows are closed on both sides', () => {
    const all = lines(rendered.text);
    const boxEnd = all.findIndex((l) => l.startsWith('└'));
    expect(all[0]!.startsWith('┌') && all[0]!.endsWith('┐')).toBe(true);
    expect(all[boxEnd]!.endsWith('┘')).toBe(true);
    for (const row of all.slice(1, boxEnd)) {
      expect(row[0] === '│' || row[0] === '├').toBe(true);
      expect(measureWidth(row)).toBe(width);
    }
  });

  it('THEN the title, fields and the cut artifact with its link are there', () => {
    const text = rendered.text;
    expect(text).toContain('Approve: Expert framework (clone-factory #12)');
    expect(text).toMatch(/SLA: +due in 3h 20m/);
    expect(text).toMatch(/Approving starts: +Rubric builder/);
    expect(text).toContain('▸ intel-report (md, 11.7 KB)');
    expect(text.replace(/[│ \n]/g, '')).toContain(`…more:${BASE_URL}/runs/run-12/artifacts/expert-framework-creator/intel-report`);
  });

  it('THEN the buttons are numbered and each number maps to its action id', () => {
    expect(rendered.actions).toEqual([
      { number: 1, actionId: 'gate:g-101:approve', label: 'Approve' },
      { number: 2, actionId: 'gate:g-101:reject', label: 'Reject' },
      { number: 3, actionId: 'gate:g-101:claim', label: 'Claim' },
      { number: 4, actionId: 'gate:g-101:reassign', label: 'Reassign' },
    ]);
    expect(rendered.text).toContain('[1] Approve  [2] Reject  [3] Claim');
    expect(rendered.text).toContain('[4] Reassign');
  });

  it('THEN the Details link is printed, not numbered', () => {
    expect(rendered.text.replace(/\s/g, '')).toContain(`↗Details:${BASE_URL}/runs/run-12/gates/g-101`);
    expect(rendered.text).not.toMatch(/\[\d\] Details/);
  });

  it('THEN with colour off there are no ANSI codes', () => {
    expect(rendered.text).toBe(stripAnsi(rendered.text));
  });
});

describe('console card rendering', () => {
  it('GIVEN colour on THEN the tone colours the border and the visible layout is unchanged', () => {
    const plain = renderCardForTerminal(gateCard(), { width: 70, color: false });
    const coloured = renderCardForTerminal(gateCard(), { width: 70, color: true });
    expect(coloured.text).toContain('\u001b[34m┌'); // pending tone: blue
    expect(stripAnsi(coloured.text)).toBe(plain.text);
    for (const line of lines(coloured.text)) expect(measureWidth(line)).toBeLessThanOrEqual(70);
  });

  it('GIVEN the ASCII option THEN the box uses + - | only', () => {
    const { text } = renderCardForTerminal(gateCard(), { width: 60, color: false, ascii: true });
    expect(text).not.toMatch(/[┌┐└┘│─├┤]/);
    expect(lines(text)[0]).toMatch(/^\+-+\+$/);
  });

  it('GIVEN numbers turned off THEN buttons read [Approve] and still map in order', () => {
    const r = renderCardForTerminal(gateCard(), { width: 80, color: false, actionNumbers: false });
    expect(r.text).toContain('[Approve]  [Reject]  [Claim]');
    expect(r.actions.map((a) => a.actionId)).toEqual(['gate:g-101:approve', 'gate:g-101:reject', 'gate:g-101:claim', 'gate:g-101:reassign']);
  });

  it('GIVEN a narrow terminal THEN the buttons wrap onto several lines within the width', () => {
    const r = renderCardForTerminal(gateCard(), { width: 20, color: false });
    for (const line of lines(r.text)) expect(measureWidth(line)).toBeLessThanOrEqual(20);
    expect(r.text).toContain('[1] Approve');
    expect(r.text).toContain('[3] Claim');
  });

  it('GIVEN an empty card THEN a closed box with "(untitled)" is drawn and there are no actions', () => {
    const r = renderCardForTerminal({ kind: 'notice', title: '', summary: '', tone: 'neutral' }, { width: 30, color: false });
    expect(lines(r.text)).toEqual([
      `┌${'─'.repeat(28)}┐`,
      `│ (untitled)${' '.repeat(16)} │`,
      `└${'─'.repeat(28)}┘`,
    ]);
    expect(r.actions).toEqual([]);
  });

  it('GIVEN wide text and emoji in the title and fields THEN the right border still lines up', () => {
    const card: Card = {
      kind: 'notice',
      title: '✅ 完了しました: 日本語のタイトルがとても長い場合でも折り返されます',
      summary: '',
      tone: 'success',
      fields: [{ label: '状態', value: '🔄 実行中 ⏭️ skipped' }],
      sections: [{ title: 'Log', text: `${'🚀'.repeat(40)}` }],
    };
    const { text } = renderCardForTerminal(card, { width: 40, color: false });
    const rows = lines(text).filter((l) => l.startsWith('│'));
    for (const row of rows) {
      expect(measureWidth(row)).toBe(40);
      expect(row.endsWith('│')).toBe(true);
    }
  });

  it('GIVEN a width below the minimum THEN it renders at 8 columns', () => {
    const r = renderCardForTerminal(gateCard(), { width: 3, color: false });
    for (const line of lines(r.text)) expect(measureWidth(line)).toBeLessThanOrEqual(8);
  });

  it('GIVEN a phone-narrow terminal THEN each field is stacked: label line, then its value indented', () => {
    const all = lines(renderCardForTerminal(gateCard(), { width: 30, color: false }).text);
    const at = all.findIndex((l) => l.startsWith('│ Priority:'));
    expect(all[at]).toMatch(/^│ Priority: +│$/);
    expect(all[at + 1]).toMatch(/^│ {3}🟠 high +│$/);
  });

  it('GIVEN fields THEN the values line up in one column', () => {
    const { text } = renderCardForTerminal(buildRunStatusCard(makeRun(), ctx), { width: 80, color: false });
    const starts = ['Progress:', 'Elapsed:', 'Attempts:', 'LLM usage:'].map((label) => {
      const row = lines(text).find((l) => l.includes(label))!;
      return row.indexOf(label) + row.slice(row.indexOf(label) + label.length).search(/\S/) + label.length;
    });
    expect(new Set(starts).size).toBe(1);
  });

  it('GIVEN mentions, bold markers and a footer THEN the mention line shows, markers are removed, the footer is inside', () => {
    const card = buildBlockersCard([makeBlocker({ reason: 'sla-breached' })], ctx);
    const { text } = renderCardForTerminal({ ...card, mentions: ['@here'], footer: 'factory' }, { width: 70, color: false });
    expect(text).toContain('🔔 @here');
    expect(text).toContain('SLA breached · stuck');
    expect(text).not.toContain('**');
    expect(text).toMatch(/│ factory · 2025-03-04 14:00 UTC +│/);
  });
});
