import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_BLOCKS_JSON_BUDGET } from '../../../adapters/slack/limits';
import { renderCard } from '../../../adapters/slack/render-card';
import type { Card } from '../../../src/domain/card';
import { validateMessageBlocks } from '../../fakes/slack';

const BASE = 'https://factory.example';
const card = (over: Partial<Card> = {}): Card => ({ kind: 'gate', title: 'Approve deploy', summary: 'Gate waiting', tone: 'pending', ...over });
const lonelySurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type AnyBlock = { type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<Record<string, unknown>> };
const blocksOf = (c: Card) => renderCard(c, { publicBaseUrl: BASE }).blocks as unknown as AnyBlock[];
const texts = (blocks: AnyBlock[]) => blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text as string)]).filter(Boolean);

/** The round trip: whatever the renderer makes, the fake (Slack's limits, kept separately) accepts. */
function expectSlackAccepts(c: Card): AnyBlock[] {
  const { blocks, text } = renderCard(c, { publicBaseUrl: BASE });
  expect(validateMessageBlocks(blocks)).toBeNull();
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(MESSAGE_BLOCKS_JSON_BUDGET);
  expect(text.length).toBeGreaterThan(0);
  expect(JSON.stringify({ blocks, text })).not.toMatch(lonelySurrogate);
  return blocks as unknown as AnyBlock[];
}

describe('renderCard at every Block Kit limit', () => {
  it('GIVEN a 20,000-character artifact section THEN it is cut to ≤3000 with a visible link to the full text', () => {
    const blocks = expectSlackAccepts(card({ url: '/runs/7', sections: [{ title: 'Artifact', text: 'lorem ipsum '.repeat(1700), moreUrl: '/runs/7/artifacts/plan' }] }));
    const section = blocks.find((b) => b.text?.text.startsWith('*Artifact*'));
    expect(section?.text?.text.length).toBeLessThanOrEqual(3000);
    expect(section?.text?.text).toMatch(/… _truncated_ · <https:\/\/factory\.example\/runs\/7\/artifacts\/plan\|full text>$/);
  });

  it('GIVEN 30 inline fields THEN three sections of 10, in order, each ≤2000; a 5000-character value is cut visibly', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `Metric ${i}`, value: i === 29 ? 'v'.repeat(5000) : `${i}`, inline: true }));
    const blocks = expectSlackAccepts(card({ fields }));
    const fieldSections = blocks.filter((b) => b.fields);
    expect(fieldSections.map((b) => b.fields?.length)).toEqual([10, 10, 10]);
    const all = fieldSections.flatMap((b) => b.fields ?? []).map((f) => f.text);
    expect(all[0]).toBe('*Metric 0*\n0');
    expect(all[29]?.length).toBeLessThanOrEqual(2000);
    expect(all[29]).toContain('_truncated_');
  });

  it('GIVEN 60 sections THEN ≤50 blocks, a visible "…N more" note, and header, footer and buttons kept', () => {
    const sections = Array.from({ length: 60 }, (_, i) => ({ title: `Step ${i}`, text: `output of step ${i}` }));
    const blocks = expectSlackAccepts(card({ url: '/runs/7', footer: 'run #7', sections, actions: [{ id: 'gate:7:approve', label: 'Approve', style: 'primary' }] }));
    expect(blocks).toHaveLength(50);
    const shown = blocks.filter((b) => b.text?.text.startsWith('*Step ')).length;
    expect(texts(blocks)).toContain(`…${60 - shown} more sections not shown · <https://factory.example/runs/7|see the full card>`);
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(blocks.at(-2)?.type).toBe('context');
  });

  it('GIVEN a 300-character header and a 90-character button label THEN both are cut with an ellipsis to 150 and 75', () => {
    const blocks = expectSlackAccepts(card({ title: 'H'.repeat(300), actions: [{ id: 'gate:1:approve', label: 'B'.repeat(90), style: 'primary' }] }));
    expect(blocks[0]?.text?.text).toHaveLength(150);
    expect(blocks[0]?.text?.text.endsWith('…')).toBe(true);
    const button = blocks.at(-1)?.elements?.[0] as { text: { text: string } };
    expect(button.text.text).toHaveLength(75);
    expect(button.text.text.endsWith('…')).toBe(true);
  });

  it('GIVEN a title of emoji THEN the cut never splits a surrogate pair', () => {
    const blocks = expectSlackAccepts(card({ title: '🚀'.repeat(200), description: '😀'.repeat(4000) }));
    expect(blocks[0]?.text?.text.length).toBeLessThanOrEqual(150);
  });

  it('GIVEN an action id of 300 characters THEN a RangeError: ids route clicks, so cutting one would be a silent bug', () => {
    expect(() => renderCard(card({ actions: [{ id: 'g'.repeat(300), label: 'Approve', style: 'primary' }] }))).toThrow(RangeError);
    expect(() => renderCard(card({ actions: [{ id: 'g'.repeat(300), label: 'Approve', style: 'primary' }] }))).toThrow(/255/);
    expectSlackAccepts(card({ actions: [{ id: 'g'.repeat(255), label: 'Approve', style: 'primary' }] }));
  });

  it('GIVEN two actions with one id THEN a RangeError rather than a message Slack would refuse', () => {
    expect(() => renderCard(card({ actions: [{ id: 'a', label: 'A', style: 'primary' }, { id: 'a', label: 'B', style: 'danger' }] }))).toThrow(/duplicate/);
  });

  it('GIVEN 30 buttons THEN two actions blocks of 25 and 5', () => {
    const actions = Array.from({ length: 30 }, (_, i) => ({ id: `gate:${i}:approve`, label: `Gate ${i}`, style: 'secondary' as const }));
    const blocks = expectSlackAccepts(card({ actions }));
    expect(blocks.filter((b) => b.type === 'actions').map((b) => b.elements?.length)).toEqual([25, 5]);
  });

  it('GIVEN many long texts THEN the longest are shortened first and the message stays under the 11,000 budget', () => {
    const blocks = expectSlackAccepts(card({ description: 'short and kept', sections: [{ title: 'Log', text: 'x'.repeat(20_000) }, { title: 'Plan', text: 'p'.repeat(900) }] }));
    expect(texts(blocks)).toContain('short and kept');
    expect(texts(blocks)).toContain(`*Plan*\n${'p'.repeat(900)}`);
  });

  it('GIVEN 45 sections of 3000 characters THEN texts shrink to the minimum and trailing sections go behind the note', () => {
    const sections = Array.from({ length: 45 }, (_, i) => ({ title: `S${i}`, text: `${i} `.padEnd(3000, 'z') }));
    const blocks = expectSlackAccepts(card({ sections, actions: [{ id: 'gate:1:approve', label: 'Approve', style: 'primary' }] }));
    expect(texts(blocks).some((t) => /^…\d+ more sections not shown$/.test(t ?? ''))).toBe(true);
    expect(blocks.at(-1)?.type).toBe('actions');
  });
});

describe('renderCard content', () => {
  it('GIVEN Markdown-ish text with Slack control characters THEN mrkdwn, escaped, so artifacts cannot ping anyone', () => {
    const blocks = expectSlackAccepts(card({ description: '**Build** passed <!channel> & see [log](https://ci.example/1?a=1&b=2), `keep **this**`' }));
    expect(blocks[1]?.text?.text).toBe('*Build* passed &lt;!channel&gt; &amp; see <https://ci.example/1?a=1&amp;b=2|log>, `keep **this**`');
  });

  it('GIVEN mentions in several spellings THEN Slack syntax in a section and in the notification text; foreign ids left out', () => {
    const { text, blocks } = renderCard(card({ summary: 'Reminder', mentions: ['@here', 'U0ABC123', 'S0GROUP1', '<@W0XYZ789>', '123456789012345678'] }));
    const line = '<!here> <@U0ABC123> <!subteam^S0GROUP1> <@W0XYZ789>';
    expect(text).toBe(`${line} Reminder`);
    expect(texts(blocks as unknown as AnyBlock[])).toContain(line);
  });

  it('GIVEN footer, timestamp and url THEN one context block with a reader-local date and a link', () => {
    const blocks = expectSlackAccepts(card({ footer: 'run #7 · nightly', timestamp: new Date('2023-11-14T22:13:20Z'), url: '/runs/7' }));
    const context = blocks.find((b) => b.type === 'context');
    expect(context?.elements?.map((e) => e.text)).toEqual([
      'run #7 · nightly', '<!date^1700000000^{date_short_pretty} {time}|2023-11-14T22:13:20.000Z>', '<https://factory.example/runs/7|Open>',
    ]);
  });

  it('GIVEN each action style THEN primary/danger styled, secondary plain, link with an absolute url; an unresolvable link is left out', () => {
    const actions: Card['actions'] = [
      { id: 'a', label: 'Approve', style: 'primary' }, { id: 'r', label: 'Reject', style: 'danger' },
      { id: 's', label: 'Snooze', style: 'secondary' }, { id: 'l', label: 'Logs', style: 'link', url: '/runs/7/logs' },
    ];
    const buttons = blocksOf(card({ actions })).at(-1)?.elements;
    expect(buttons).toEqual([
      { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Approve', emoji: true }, style: 'primary' },
      { type: 'button', action_id: 'r', text: { type: 'plain_text', text: 'Reject', emoji: true }, style: 'danger' },
      { type: 'button', action_id: 's', text: { type: 'plain_text', text: 'Snooze', emoji: true } },
      { type: 'button', action_id: 'l', text: { type: 'plain_text', text: 'Logs', emoji: true }, url: 'https://factory.example/runs/7/logs' },
    ]);
    const withoutBase = renderCard(card({ actions })).blocks.at(-1) as unknown as AnyBlock;
    expect(withoutBase.elements?.map((e) => e.action_id)).toEqual(['a', 'r', 's']);
  });
});

describe('renderCard on arbitrary cards', () => {
  const unit = fc.constantFrom('a', ' ', '*', '<', '&', '`', '\n', '😀', 'é', '[', ']', '(', ')', '_');
  // fast-check favours short values; half the time go for full-size ones so the budget is really hit.
  const text = (max: number) => fc.oneof(fc.string({ maxLength: max, unit }), fc.string({ maxLength: max, unit, size: 'max' }));
  const arbitraryCard = fc.record({
    title: text(400), summary: text(200), description: text(6000),
    fields: fc.array(fc.record({ label: text(300), value: text(3000), inline: fc.boolean() }), { maxLength: 40 }),
    sections: fc.array(fc.record({ title: text(100), text: text(5000) }), { maxLength: 70 }),
    actions: fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 255 }), label: text(120), style: fc.constantFrom('primary', 'danger', 'secondary') as fc.Arbitrary<'primary' | 'danger' | 'secondary'> }), { maxLength: 30, selector: (a) => a.id }),
    footer: text(600),
  });

  it('GIVEN any card THEN Slack accepts the blocks, ≤50 of them, within the JSON budget', () => {
    fc.assert(fc.property(arbitraryCard, (c) => {
      expectSlackAccepts(card({ ...c, url: '/runs/1', timestamp: new Date(0), mentions: ['@here'] }));
    }), { numRuns: 150, endOnFailure: true }); // shrinking multi-kilobyte cards takes minutes; the first failure is enough
  });
});
