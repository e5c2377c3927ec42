/**
 * Scripted REST failures: the next `times` requests matching a method and path answer 5xx, or 429
 * exactly as Discord rate-limits (JSON `{ message, retry_after, global }`, `Retry-After` and
 * `X-RateLimit-*` headers). @discordjs/rest waits on the `Retry-After` header (not the body), so
 * both are sent; keep `retryAfter` small (0.05 s) so tests stay fast.
 */
import type { RouteResult } from './rest-router';

export interface FailureMatch {
  /** Upper-case HTTP method; any when left out. */
  method?: string;
  /** Tested against the path below /api/v10, e.g. /^\/channels\/\d+\/messages$/. */
  path: RegExp;
}

export interface FailureSpec {
  status: 429 | 500 | 502 | 503;
  /** How many matching requests fail before the route answers normally again. Default 1. */
  times?: number;
  /** Seconds, for 429. Default 0.05. */
  retryAfter?: number;
  /** 429 only: a global rate limit (sets `X-RateLimit-Global`). */
  global?: boolean;
}

interface PendingFailure {
  match: FailureMatch;
  spec: FailureSpec;
  remaining: number;
}

/** Holds the scripted failures in the order they were added. */
export class FailureInjector {
  private readonly pending: PendingFailure[] = [];

  add(match: FailureMatch, spec: FailureSpec): void {
    this.pending.push({ match, spec, remaining: spec.times ?? 1 });
  }

  /** Consumes one failure for this request, if one matches. */
  take(method: string, path: string, now: number): RouteResult | undefined {
    const hit = this.pending.find((f) => (!f.match.method || f.match.method.toUpperCase() === method) && f.match.path.test(path));
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.pending.splice(this.pending.indexOf(hit), 1);
    return failureResponse(hit.spec, path, now);
  }

  /** Failures scripted but not yet consumed (a test can assert it used them all). */
  get outstanding(): number {
    return this.pending.reduce((n, f) => n + f.remaining, 0);
  }
}

function failureResponse(spec: FailureSpec, path: string, now: number): RouteResult {
  if (spec.status !== 429) {
    return { status: spec.status, body: { message: `${spec.status}: ${spec.status === 500 ? 'Internal Server Error' : 'Service Unavailable'}`, code: 0 } };
  }
  const retryAfter = spec.retryAfter ?? 0.05;
  const headers: Record<string, string> = {
    'Retry-After': String(retryAfter),
    'X-RateLimit-Limit': '5',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': ((now / 1000) + retryAfter).toFixed(3),
    'X-RateLimit-Reset-After': retryAfter.toFixed(3),
    'X-RateLimit-Bucket': `fake-${path.replace(/\d{17,19}/g, ':id')}`,
    'X-RateLimit-Scope': spec.global ? 'global' : 'user',
  };
  if (spec.global) headers['X-RateLimit-Global'] = 'true';
  return { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: retryAfter, global: Boolean(spec.global) } };
}
