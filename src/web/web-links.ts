import { randomBytes } from 'node:crypto';
import type { Card, Reply } from '../domain/card';
import type { ChatAdapter } from '../domain/chat-adapter';
import { getOrCreateWebSecret, type Database } from '../store';
import { signLinkToken, verifyLinkToken, type LinkCheck, type LinkScope } from './link-token';
import { signCardLinks, signReplyLinks } from './sign-card-links';

export interface WebLinksOptions {
  secret: string;
  /** Base of the links ("http://127.0.0.1:3000"). */
  baseUrl: string;
  /** Lifetime of a minted link. */
  ttlMs: number;
  now: () => Date;
}

/** Mints and checks the signed, expiring links of the run pages. */
export class WebLinks {
  constructor(private readonly opts: WebLinksOptions) {}

  get baseUrl(): string {
    return this.opts.baseUrl.replace(/\/+$/, '');
  }

  sign(scope: LinkScope): string {
    return signLinkToken(this.opts.secret, scope, new Date(this.opts.now().getTime() + this.opts.ttlMs));
  }

  check(token: string | null | undefined): LinkCheck {
    return verifyLinkToken(this.opts.secret, token, this.opts.now());
  }

  /** The runs list, signed: what the operator opens from the startup log. */
  runsUrl(): string {
    return `${this.baseUrl}/runs?t=${this.sign({ kind: 'runs' })}`;
  }

  signCard(card: Card): Card {
    return signCardLinks(card, this.baseUrl, (scope) => this.sign(scope));
  }

  signReply(reply: Reply): Reply {
    return signReplyLinks(reply, this.baseUrl, (scope) => this.sign(scope));
  }
}

/**
 * The adapter with every card's run page links signed as it is sent, so each post and each edit
 * carries a fresh, expiring token (outbox rows keep the plain card).
 */
export function withSignedLinks(adapter: ChatAdapter, links: WebLinks): ChatAdapter {
  const signed: ChatAdapter = {
    platform: adapter.platform,
    start: () => adapter.start(),
    stop: () => adapter.stop(),
    post: (target, card) => adapter.post(target, links.signCard(card)),
    update: (ref, card) => adapter.update(ref, links.signCard(card)),
    dm: (userId, card) => adapter.dm(userId, links.signCard(card)),
  };
  if (adapter.openThread) signed.openThread = (ref, name) => adapter.openThread!(ref, name);
  return signed;
}

/** WEB_LINK_SECRET when set; otherwise a random key generated on first boot and kept in the database. */
export async function resolveLinkSecret(configured: string | undefined, database: Database, now: Date): Promise<string> {
  return configured ?? getOrCreateWebSecret(database.db, 'web-link', randomBytes(32).toString('hex'), now);
}
