/**
 * What the next call(s) of a method should suffer instead of being served:
 * - `{ status: 500 | 503 }`: an HTTP error (@slack/web-api retries these by its retryConfig);
 * - `{ error: 'ratelimited' }`: HTTP 429 with `Retry-After: retryAfterSec` (default 1). web-api
 *   parses the header as whole seconds (`parseInt`) and sleeps that long, so tests pass 0 to stay fast;
 * - `{ error: 'some_code' }`: HTTP 200 `{ ok: false, error: 'some_code' }`, a platform error.
 */
export interface FailureSpec {
  status?: 500 | 503;
  error?: string;
  retryAfterSec?: number;
  /** How many consecutive calls fail; default 1. */
  times?: number;
}

/** The HTTP answer a failure turns into. */
export interface InjectedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Failures queued per method (or per `respond` for response_url posts), consumed in order. */
export class FailureQueue {
  private readonly queued = new Map<string, Array<{ spec: FailureSpec; left: number }>>();

  add(method: string, spec: FailureSpec): void {
    if (spec.status === undefined && spec.error === undefined) throw new Error(`failNext(${method}): give a status or an error`);
    const list = this.queued.get(method) ?? [];
    list.push({ spec, left: spec.times ?? 1 });
    this.queued.set(method, list);
  }

  /** The failure for this call, if one is queued; counts it down. */
  take(method: string): InjectedResponse | undefined {
    const list = this.queued.get(method);
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.left -= 1;
    if (head.left <= 0) list.shift();
    return toResponse(head.spec);
  }

  clear(): void {
    this.queued.clear();
  }
}

function toResponse(spec: FailureSpec): InjectedResponse {
  if (spec.status !== undefined) {
    return { status: spec.status, headers: { 'content-type': 'text/plain' }, body: spec.status === 503 ? 'Service Unavailable' : 'Internal Server Error' };
  }
  const json = { 'content-type': 'application/json; charset=utf-8' };
  if (spec.error === 'ratelimited' || spec.error === 'rate_limited') {
    return { status: 429, headers: { ...json, 'retry-after': String(spec.retryAfterSec ?? 1) }, body: JSON.stringify({ ok: false, error: 'ratelimited' }) };
  }
  return { status: 200, headers: json, body: JSON.stringify({ ok: false, error: spec.error }) };
}
