import { describe, expect, it } from 'vitest';
import { buildHomeView } from '../../../adapters/slack/home-view';
import { MAX_VIEW_BLOCKS } from '../../../adapters/slack/limits';
import { WebLinks } from '../../../src/web/web-links';
import { validateView } from '../../fakes/slack';
import { BASE_URL, makeBlocker, makeGate, makeRun, NOW } from '../cards/fixtures';

const ctx = { now: NOW, publicBaseUrl: BASE_URL };
const allText = (view: unknown): string => JSON.stringify(view);

describe('buildHomeView', () => {
  it('GIVEN gates, runs and blockers THEN each gate has its buttons, then my runs, then the blockers, and Slack accepts it', () => {
    const view = buildHomeView({ pending: [makeGate({ id: '7' })], myRuns: [makeRun({ id: '12' })], blockers: [makeBlocker()] }, ctx);
    expect(validateView(view, 'home')).toBeNull();
    const text = allText(view);
    expect(text).toContain('Waiting on you (1)');
    expect(text).toContain('"action_id":"gate:7:approve"');
    expect(text).toContain('"action_id":"gate:7:reject"');
    expect(text).toContain('Your active runs');
    expect(text).toContain('Blockers (1)');
    expect(text.indexOf('gate:7:approve')).toBeLessThan(text.indexOf('Your active runs'));
  });

  it('GIVEN nothing at all THEN it says so in every part', () => {
    const view = buildHomeView({ pending: [], myRuns: [], blockers: [] }, ctx);
    expect(validateView(view, 'home')).toBeNull();
    const text = allText(view);
    expect(text).toContain('Nothing waits on you');
    expect(text).toContain('You have no active runs');
    expect(text).toContain('Nothing is stuck');
  });

  it('GIVEN 60 pending gates, 30 runs and 30 blockers THEN at most 100 blocks, whole gates only, and a note counting the rest', () => {
    const pending = Array.from({ length: 60 }, (_, i) => makeGate({ id: String(i + 1), blockName: `Block ${i + 1}` }));
    const myRuns = Array.from({ length: 30 }, (_, i) => makeRun({ id: String(100 + i) }));
    const blockers = Array.from({ length: 30 }, (_, i) => makeBlocker({ blockId: `b${i}`, blockName: `Stuck ${i}` }));
    const view = buildHomeView({ pending, myRuns, blockers }, ctx);
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
    expect(validateView(view, 'home')).toBeNull();
    const shown = pending.filter((g) => allText(view).includes(`"gate:${g.id}:approve"`)).length;
    expect(shown).toBeGreaterThan(0);
    // A shown gate always has all of its buttons (it was never cut in the middle).
    for (const g of pending.slice(0, shown)) expect(allText(view)).toContain(`"gate:${g.id}:reject"`);
    expect(allText(view)).toContain(`…${60 - shown} more gates wait on you`);
    expect(allText(view)).toContain('Blockers (30)');
  });

  it('GIVEN a gate with long artifacts and mentions THEN Home leaves the previews and mentions out', () => {
    const gate = makeGate({ id: '9', artifacts: [{ key: 'draft', format: 'md', preview: 'x'.repeat(2000), sizeBytes: 5000 }] });
    const text = allText(buildHomeView({ pending: [gate], myRuns: [], blockers: [] }, ctx));
    expect(text).not.toContain('x'.repeat(200));
    expect(text).not.toContain('<!here>');
  });
});

describe('buildHomeView with the run page signer', () => {
  it('GIVEN a signer THEN every run page link on Home carries a token the web pages accept for that run', () => {
    const links = new WebLinks({ secret: 'x'.repeat(40), baseUrl: BASE_URL, ttlMs: 60_000, now: () => NOW });
    const view = buildHomeView({ pending: [makeGate({ id: '7', runId: '12' })], myRuns: [makeRun({ id: '12' })], blockers: [] }, ctx, (card) => links.signCard(card));
    const urls = [...JSON.stringify(view).matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!).filter((u) => u.startsWith(`${BASE_URL}/runs`));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      const token = new URL(url).searchParams.get('t');
      const check = links.check(token);
      expect(check.ok, url).toBe(true);
    }
  });
});
