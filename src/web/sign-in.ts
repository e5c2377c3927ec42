import { authenticateBearer } from '../api/auth';
import type { HttpRequest, HttpResponse } from '../http/server';
import type { Database } from '../store';
import { html } from './html';
import { renderPage } from './page-shell';
import { PAGE_HEADERS } from './security-headers';
import { problem } from './web-access';
import type { WebLinks } from './web-links';

/** The scope an API token needs to read the run pages. */
const READ_SCOPE = 'runs:read';

export interface SignInDeps {
  database: Database;
  links: WebLinks;
  now: () => Date;
}

/** The sign-in form: an API token in, a signed runs-list link (a session for WEB_LINK_TTL) out. */
export function signInPage(): HttpResponse {
  const body = html`<section class="problem"><h1>Sign in</h1>
<p>Paste an API token with the <code>runs:read</code> scope (<code>npm run factory -- token create …</code>). It is checked once and never stored in the browser; you get a link to the runs list that stays valid for the configured link lifetime.</p>
<form method="post" action="/sign-in"><label for="token">API token</label>
<input id="token" name="token" type="password" autocomplete="off" required maxlength="200">
<button type="submit">Sign in</button></form></section>`;
  return { status: 200, headers: { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' }, body: renderPage({ title: 'Sign in', body }) };
}

/** POST /sign-in: a valid token with runs:read is sent on to the runs list with a signed link. */
export async function signIn(deps: SignInDeps, req: HttpRequest): Promise<HttpResponse> {
  const secret = new URLSearchParams(req.rawBody).get('token')?.trim();
  const link = await linkForBearer(deps, secret ? `Bearer ${secret}` : undefined);
  if (link.kind === 'refused') return link.response;
  if (link.kind === 'none') return signInPage();
  return { status: 303, headers: { ...PAGE_HEADERS, location: `/runs?t=${encodeURIComponent(link.token)}` }, body: '' };
}

/**
 * A runs-wide link token for an `Authorization: Bearer` API token that may read runs, so programs
 * (and the sign-in form) reach the same pages as a card link. `none` when no header was given.
 */
export async function linkForBearer(
  deps: SignInDeps,
  authorization: string | undefined,
): Promise<{ kind: 'none' } | { kind: 'signed'; token: string } | { kind: 'refused'; response: HttpResponse }> {
  if (!authorization) return { kind: 'none' };
  const principal = await authenticateBearer(deps.database.db, authorization, deps.now());
  if (!principal) return { kind: 'refused', response: problem(401, 'Sign-in refused', 'That API token is unknown or revoked. Create one with `npm run factory -- token create`.') };
  if (!principal.scopes.includes(READ_SCOPE)) {
    return { kind: 'refused', response: problem(403, 'Not allowed with this token', `The token "${principal.name}" lacks the runs:read scope the run pages need.`) };
  }
  return { kind: 'signed', token: deps.links.sign({ kind: 'runs' }) };
}
