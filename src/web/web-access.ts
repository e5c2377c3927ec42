import type { HttpResponse } from '../http/server';
import { scopeAllowsRun, type LinkScope } from './link-token';
import { renderProblemPage } from './page-shell';
import { PAGE_HEADERS } from './security-headers';
import type { WebLinks } from './web-links';

export function problem(status: number, title: string, advice: string): HttpResponse {
  return { status, headers: { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' }, body: renderProblemPage(status, title, advice) };
}

const FRESH = 'Open the Details link on a current card in chat, or ask the bot for a fresh one with `/factory status <run>`.';

/**
 * Who may see what: a link's signed token, checked for signature and expiry, and for a scope
 * that covers what is asked (one run, or the list). Refusals say nothing about any run.
 */
export function checkAccess(links: WebLinks, token: string | null, want: { runId: string } | 'runs'): { ok: true; scope: LinkScope } | { ok: false; response: HttpResponse } {
  const check = links.check(token);
  if (!check.ok) {
    if (check.reason === 'missing') return { ok: false, response: problem(401, 'Sign-in needed', `This page needs the signed link from a card, or an API token with the runs:read scope: sign in at /sign-in. ${FRESH}`) };
    if (check.reason === 'expired') return { ok: false, response: problem(401, 'This link has expired', FRESH) };
    return { ok: false, response: problem(403, 'This link is not valid', `It was changed or cut short. ${FRESH}`) };
  }
  const allowed = want === 'runs' ? check.scope.kind === 'runs' : scopeAllowsRun(check.scope, want.runId);
  if (!allowed) return { ok: false, response: problem(403, 'Not allowed with this link', `The link is for another page. ${FRESH}`) };
  return { ok: true, scope: check.scope };
}
