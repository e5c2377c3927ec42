import { describe, expect, it } from 'vitest';
import { scopeAllowsRun, signLinkToken, verifyLinkToken } from '../../../src/web/link-token';
import { signCardLinks, signWebLink } from '../../../src/web/sign-card-links';
import type { Card } from '../../../src/domain/card';

const SECRET = 'k'.repeat(40);
const now = new Date('2026-12-01T10:00:00Z');
const later = new Date('2026-12-08T10:00:00Z');

describe('link tokens', () => {
  it('GIVEN a signed run token THEN it verifies until it expires, scoped to that run', () => {
    const token = signLinkToken(SECRET, { kind: 'run', runId: '12' }, later);
    const check = verifyLinkToken(SECRET, token, now);
    expect(check).toEqual({ ok: true, scope: { kind: 'run', runId: '12' }, expiresAt: later });
    expect(check.ok && scopeAllowsRun(check.scope, '12')).toBe(true);
    expect(check.ok && scopeAllowsRun(check.scope, '13')).toBe(false);
    expect(verifyLinkToken(SECRET, token, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('GIVEN a changed scope, expiry, signature or secret THEN the token is refused', () => {
    const token = signLinkToken(SECRET, { kind: 'run', runId: '12' }, later);
    const [, exp, sig] = token.split('.');
    expect(verifyLinkToken(SECRET, `r13.${exp}.${sig}`, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLinkToken(SECRET, `all.${exp}.${sig}`, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLinkToken(SECRET, `r12.${Number(exp) + 1}.${sig}`, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyLinkToken('x'.repeat(40), token, now)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const bad of ['', 'r12', 'r12.1.2.3', 'rx.1.abc', `r12.${exp}.short`]) expect(verifyLinkToken(SECRET, bad, now).ok).toBe(false);
    expect(verifyLinkToken(SECRET, null, now)).toEqual({ ok: false, reason: 'missing' });
  });

  it('GIVEN a list token THEN it allows every run', () => {
    const check = verifyLinkToken(SECRET, signLinkToken(SECRET, { kind: 'runs' }, later), now);
    expect(check.ok && scopeAllowsRun(check.scope, '99')).toBe(true);
  });
});

describe('signing card links', () => {
  const sign = (scope: { kind: string; runId?: string }) => (scope.kind === 'run' ? `run-${scope.runId}` : 'list');
  const base = 'https://factory.example.com/bot';

  it('GIVEN links to run pages under the base THEN each gets a token for its run; other links stay as they are', () => {
    expect(signWebLink(`${base}/runs/7/gates/3`, base, sign)).toBe(`${base}/runs/7/gates/3?t=run-7`);
    expect(signWebLink(`${base}/runs`, base, sign)).toBe(`${base}/runs?t=list`);
    expect(signWebLink('https://elsewhere.example.com/runs/7', base, sign)).toBe('https://elsewhere.example.com/runs/7');
    expect(signWebLink(`${base}/runsx/7`, base, sign)).toBe(`${base}/runsx/7`);
  });

  it('GIVEN a card THEN its url, link buttons and "more" links are signed', () => {
    const card: Card = {
      kind: 'gate',
      title: 't',
      summary: 's',
      tone: 'info',
      url: `${base}/runs/5`,
      actions: [{ id: 'gate:1:approve', label: 'Approve', style: 'primary' }, { id: 'gate:1:details', label: 'Details', style: 'link', url: `${base}/runs/5/gates/1` }],
      sections: [{ text: 'x', moreUrl: `${base}/runs/5/artifacts/a/b` }],
    };
    const signed = signCardLinks(card, base, sign);
    expect(signed.url).toBe(`${base}/runs/5?t=run-5`);
    expect(signed.actions![0]).toEqual(card.actions![0]);
    expect(signed.actions![1]!.url).toBe(`${base}/runs/5/gates/1?t=run-5`);
    expect(signed.sections![0]!.moreUrl).toBe(`${base}/runs/5/artifacts/a/b?t=run-5`);
  });
});
