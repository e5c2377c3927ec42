import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link lets its holder see: one run, or the list of runs. */
export type LinkScope = { kind: 'run'; runId: string } | { kind: 'runs' };

export type LinkCheck = { ok: true; scope: LinkScope; expiresAt: Date } | { ok: false; reason: 'missing' | 'malformed' | 'bad-signature' | 'expired' };

const RUN_ID = /^[0-9]{1,19}$/;

function scopeText(scope: LinkScope): string {
  return scope.kind === 'run' ? `r${scope.runId}` : 'all';
}

function signature(secret: string, scope: string, expSeconds: number): Buffer {
  return createHmac('sha256', secret).update(`pf-web-link:v1:${scope}:${expSeconds}`).digest();
}

/**
 * A token for a web link: `<scope>.<expiry in unix seconds>.<HMAC-SHA256, base64url>`, where the
 * scope is `r<runId>` or `all` (the runs list). Stateless: nothing is stored per link.
 */
export function signLinkToken(secret: string, scope: LinkScope, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const text = scopeText(scope);
  return `${text}.${exp}.${signature(secret, text, exp).toString('base64url')}`;
}

/** Checks a token's signature (in constant time) and expiry against `now`. */
export function verifyLinkToken(secret: string, token: string | null | undefined, now: Date): LinkCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [text, expText, sig] = parts as [string, string, string];
  const scope: LinkScope | null = text === 'all' ? { kind: 'runs' } : text.startsWith('r') && RUN_ID.test(text.slice(1)) ? { kind: 'run', runId: text.slice(1) } : null;
  if (!scope || !/^[0-9]{1,12}$/.test(expText) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { ok: false, reason: 'malformed' };
  const exp = Number(expText);
  if (!timingSafeEqual(Buffer.from(sig, 'base64url'), signature(secret, text, exp))) return { ok: false, reason: 'bad-signature' };
  if (exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, scope, expiresAt: new Date(exp * 1000) };
}

/** Whether a checked scope lets its holder see run `runId` (a list token sees every run). */
export function scopeAllowsRun(scope: LinkScope, runId: string): boolean {
  return scope.kind === 'runs' || scope.runId === runId;
}
