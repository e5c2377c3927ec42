import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCard, TONE_COLORS } from '../../../adapters/discord/render-card';
import type { Card, CardAction } from '../../../src/domain/card';
import { messageIssues } from '../../fakes/discord';

const card = (over: Partial<Card> = {}): Card => ({ kind: 'gate', title: 'Approve deploy', summary: 'Gate waiting: deploy', tone: 'pending', ...over });
const action = (i: number, over: Partial<CardAction> = {}): CardAction => ({ id: `gate:${i}:approve`, label: `Action ${i}`, style: 'primary', ...over });
/** Characters Discord counts toward the 6000 embed total. */
const embedTotal = (e: ReturnType<typeof renderCard>['embeds'][number]): number =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
const hasLoneSurrogate = (s: string): boolean => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('renderCard', () => {
  it('GIVEN a 20,000-character section with moreUrl THEN it is cut visibly to the description limit and keeps the link', () => {
    const out = renderCard(card({ sections: [{ title: 'Artifact', text: 'x'.repeat(20_000), moreUrl: '/runs/42/artifacts/report' }] }), { publicBaseUrl: 'https://factory.example.com' });
    const description = out.embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.length).toBeGreaterThan(4000);
    expect(description.startsWith('**Artifact**\nxxx')).toBe(true);
    expect(description.endsWith('…\nfull text: https://factory.example.com/runs/42/artifacts/report')).toBe(true);
    expect(messageIssues(out)).toEqual([]);
  });

  it('GIVEN 30 fields THEN 24 are kept and the rest fold into "…and 6 more" naming them', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: `v${i}` }));
    const out = renderCard(card({ fields }));
    const rendered = out.embeds[0]!.fields!;
    expect(rendered).toHaveLength(25);
    expect(rendered[23]).toEqual({ name: 'F23', value: 'v23', inline: true });
    expect(rendered[24]).toEqual({ name: '…and 6 more', value: 'F24, F25, F26, F27, F28, F29', inline: false });
    expect(messageIssues(out)).toEqual([]);
  });

  it('GIVEN parts that sum far past 6000 THEN the longest are cut first, short parts stay whole, and the total fits', () => {
    const fields = [{ label: 'Status', value: 'ok' }, ...Array.from({ length: 10 }, (_, i) => ({ label: `Long ${i}`, value: 'y'.repeat(1000) }))];
    const out = renderCard(card({ title: 'T'.repeat(250), description: 'd'.repeat(4000), fields, footer: 'f'.repeat(2000) }));
    const embed = out.embeds[0]!;
    expect(embedTotal(embed)).toBeLessThanOrEqual(6000);
    // Water-filling uses the budget rather than over-cutting.
    expect(embedTotal(embed)).toBeGreaterThan(5900);
    expect(embed.fields![0]).toEqual({ name: 'Status', value: 'ok', inline: true });
    expect(embed.title).toBe('T'.repeat(250));
    expect(embed.description!.length).toBeLessThan(4000);
    expect(embed.description!.endsWith('…')).toBe(true);
    expect(embed.footer!.text.endsWith('…')).toBe(true);
    expect(messageIssues(out)).toEqual([]);
  });

  it('GIVEN a long section under a long description and fields THEN it is cut once, with exactly one "full text" marker', () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(1000) }));
    const out = renderCard(card({ description: 'd'.repeat(3000), sections: [{ title: 'Log', text: 'l'.repeat(20_000), moreUrl: 'https://f.example/log' }], fields }));
    const description = out.embeds[0]!.description!;
    expect(description.split('full text:')).toHaveLength(2);
    expect(description.endsWith('…\nfull text: https://f.example/log')).toBe(true);
    expect(embedTotal(out.embeds[0]!)).toBeLessThanOrEqual(6000);
    expect(messageIssues(out)).toEqual([]);
  });

  it('GIVEN a 300-character title THEN it is cut to 256 with "…"', () => {
    const title = renderCard(card({ title: 'a'.repeat(300) })).embeds[0]!.title!;
    expect(title).toHaveLength(256);
    expect(title.endsWith('a…')).toBe(true);
  });

  it('GIVEN a 3000-character footer THEN it is cut to 2048 with "…"', () => {
    const out = renderCard(card({ footer: 'b'.repeat(3000) }));
    expect(out.embeds[0]!.footer!.text).toHaveLength(2048);
    expect(out.embeds[0]!.footer!.text.endsWith('…')).toBe(true);
    expect(messageIssues(out)).toEqual([]);
  });

  it('GIVEN a 100-character action id THEN it is the custom_id unchanged; 101 characters THEN RangeError', () => {
    const id = 'g'.repeat(100);
    const out = renderCard(card({ actions: [action(1, { id })] }));
    expect(out.components[0]!.components[0]).toMatchObject({ custom_id: id });
    expect(messageIssues(out)).toEqual([]);
    expect(() => renderCard(card({ actions: [action(1, { id: `${id}x` })] }))).toThrow(RangeError);
    expect(() => renderCard(card({ actions: [action(1), action(1)] }))).toThrow(/duplicate/);
  });

  it('GIVEN a 90-character label THEN it is cut to 80 with "…"', () => {
    const out = renderCard(card({ actions: [action(1, { label: 'L'.repeat(90) })] }));
    const label = (out.components[0]!.components[0] as { label: string }).label;
    expect(label).toHaveLength(80);
    expect(label.endsWith('…')).toBe(true);
    expect(messageIssues(out)).toEqual([]);
  });

  it('GIVEN 7 actions THEN 2 rows of 5 and 2; GIVEN 30 THEN 5 full rows (25 buttons)', () => {
    const seven = renderCard(card({ actions: Array.from({ length: 7 }, (_, i) => action(i)) }));
    expect(seven.components.map((r) => r.components.length)).toEqual([5, 2]);
    const thirty = renderCard(card({ actions: Array.from({ length: 30 }, (_, i) => action(i)) }));
    expect(thirty.components.map((r) => r.components.length)).toEqual([5, 5, 5, 5, 5]);
    expect(messageIssues(seven)).toEqual([]);
    expect(messageIssues(thirty)).toEqual([]);
  });

  it('GIVEN each action style THEN the Discord button style; link buttons carry a resolved url and no custom_id', () => {
    const out = renderCard(
      card({ actions: [action(1), action(2, { style: 'danger' }), action(3, { style: 'secondary' }), action(4, { style: 'link', url: '/runs/4' }), action(5, { style: 'link', url: 'javascript:alert(1)' })] }),
      { publicBaseUrl: 'https://factory.example.com' },
    );
    expect(out.components[0]!.components).toEqual([
      { type: 2, style: 1, label: 'Action 1', custom_id: 'gate:1:approve' },
      { type: 2, style: 4, label: 'Action 2', custom_id: 'gate:2:approve' },
      { type: 2, style: 2, label: 'Action 3', custom_id: 'gate:3:approve' },
      { type: 2, style: 5, label: 'Action 4', url: 'https://factory.example.com/runs/4' },
    ]);
  });

  it('GIVEN mentions THEN users, roles and @here go in content with allowed_mentions naming exactly them', () => {
    const out = renderCard(card({ mentions: ['123456789012345678', 'role:223456789012345678', '<@&323456789012345678>', '@here', 'reviewers', '123456789012345678'] }), { roleIds: new Set(['423456789012345678']) });
    expect(out.content).toBe('<@123456789012345678> <@&223456789012345678> <@&323456789012345678> @here Gate waiting: deploy');
    expect(out.allowed_mentions).toEqual({ parse: ['everyone'], users: ['123456789012345678'], roles: ['223456789012345678', '323456789012345678'] });
    expect(renderCard(card({ mentions: ['423456789012345678'] }), { roleIds: new Set(['423456789012345678']) }).content).toMatch(/^<@&423456789012345678> /);
    const quiet = renderCard(card());
    expect(quiet.content).toBeUndefined();
    expect(quiet.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN tone, timestamp and url THEN colour, ISO timestamp and embed url are set', () => {
    const out = renderCard(card({ tone: 'danger', timestamp: new Date('2026-01-02T03:04:05Z'), url: '/runs/7' }), { publicBaseUrl: 'https://f.example' });
    expect(out.embeds[0]).toMatchObject({ color: TONE_COLORS.danger, timestamp: '2026-01-02T03:04:05.000Z', url: 'https://f.example/runs/7' });
  });

  it('GIVEN emoji at a cut point THEN no surrogate pair is split', () => {
    const out = renderCard(card({ title: '😀'.repeat(200), footer: '🚀'.repeat(1500) }));
    expect(hasLoneSurrogate(out.embeds[0]!.title!)).toBe(false);
    expect(hasLoneSurrogate(out.embeds[0]!.footer!.text)).toBe(false);
    expect(messageIssues(out)).toEqual([]);
  });

  it('GIVEN any card THEN the fake Discord accepts the rendered payload (renderer and fake agree)', () => {
    // size 'max' lets lengths reach the bounds; the default small size would never test a limit.
    const text = (max: number) => fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: max, size: 'max' }));
    const cardArb = fc.record({
      kind: fc.constant('notice' as const),
      title: text(400),
      summary: text(300),
      tone: fc.constantFrom('info', 'pending', 'success', 'danger', 'warning', 'neutral' as const),
      description: fc.option(text(6000), { nil: undefined }),
      fields: fc.array(fc.record({ label: text(300), value: text(1500), inline: fc.boolean() }), { maxLength: 35, size: 'max' }),
      sections: fc.array(fc.record({ title: text(300), text: text(9000), moreUrl: fc.constant('https://f.example/full') }), { maxLength: 4 }),
      actions: fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 100 }), label: text(120), style: fc.constantFrom('primary', 'danger', 'secondary' as const) }), { maxLength: 30, size: 'max', selector: (a) => a.id }),
      footer: fc.option(text(3000), { nil: undefined }),
      mentions: fc.array(fc.constantFrom('@here', '123456789012345678', 'role:223456789012345678', 'someone'), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(cardArb, (c) => {
        expect(messageIssues(renderCard(c as Card))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
