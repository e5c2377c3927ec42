/**
 * Token buckets per key (an API token id, a hook's template): `perMinute` requests a minute on
 * average, bursts up to `burst`. In memory, so each replica limits on its own: a limit of N per
 * replica. Time is passed in.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;

  constructor(
    readonly perMinute: number,
    readonly burst: number = perMinute,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes one token; when none is left, says how long until one is. */
  take(key: string, now: Date): { ok: true; remaining: number } | { ok: false; retryAfterMs: number } {
    const t = now.getTime();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + Math.max(0, t - bucket.at) * this.refillPerMs);
    bucket.at = t;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      if (this.buckets.size > 10_000) this.forgetFull(t);
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.refillPerMs) };
  }

  /** Buckets that refilled completely hold no information: drop them. */
  private forgetFull(t: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (t - bucket.at) * this.refillPerMs >= this.burst) this.buckets.delete(key);
    }
  }
}
