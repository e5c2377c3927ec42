import type { Card, Reply } from '../domain/card';
import type { LinkScope } from './link-token';

/** Mints a link token for a scope (the caller holds the secret, the clock and the lifetime). */
export type LinkSigner = (scope: LinkScope) => string;

const RUN_PATH = /^\/runs\/([0-9]{1,19})(?:\/|$)/;

/**
 * Adds a signed `t=` token to a link that points at this server's web pages: `/runs/<id>/...`
 * gets a token for that run, `/runs` one for the list. Other links are returned unchanged.
 */
export function signWebLink(url: string | undefined, base: string, sign: LinkSigner): string | undefined {
  if (url === undefined) return undefined;
  const root = base.replace(/\/+$/, '');
  if (!url.startsWith(`${root}/runs`)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const path = parsed.pathname.slice(new URL(root).pathname.replace(/\/+$/, '').length);
  const run = RUN_PATH.exec(path);
  const scope: LinkScope | null = run ? { kind: 'run', runId: run[1]! } : path === '/runs' || path === '/runs/' ? { kind: 'runs' } : null;
  if (!scope) return url;
  parsed.searchParams.set('t', sign(scope));
  return parsed.toString();
}

/** The card with every link to the run pages signed: its url, link buttons and "more" links. */
export function signCardLinks(card: Card, base: string, sign: LinkSigner): Card {
  const link = (url: string | undefined) => signWebLink(url, base, sign);
  return {
    ...card,
    ...(card.url ? { url: link(card.url) } : {}),
    ...(card.actions ? { actions: card.actions.map((a) => (a.url ? { ...a, url: link(a.url) } : a)) } : {}),
    ...(card.sections ? { sections: card.sections.map((s) => (s.moreUrl ? { ...s, moreUrl: link(s.moreUrl) } : s)) } : {}),
  };
}

/** A command's reply with its card's links signed. */
export function signReplyLinks(reply: Reply, base: string, sign: LinkSigner): Reply {
  return reply.type === 'card' ? { ...reply, card: signCardLinks(reply.card, base, sign) } : reply;
}
