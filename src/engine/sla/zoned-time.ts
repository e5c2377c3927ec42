/**
 * Wall-clock arithmetic in IANA time zones through Intl.DateTimeFormat only (pure, no tz library).
 * A "wall" value is the local date and time encoded as if it were UTC milliseconds, which makes
 * local calendar arithmetic plain integer arithmetic.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Memoised because building a formatter costs far more than using one, and sweeps call this a lot. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the zone (Intl throws a RangeError otherwise). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall time minus instant, read from Intl (the slow path: about 10µs a call). */
function readOffset(instantMs: number, timeZone: string): number {
  const whole = instantMs - (((instantMs % 1000) + 1000) % 1000);
  const parts = formatterFor(timeZone).formatToParts(whole);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - whole;
}

const BUCKET_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

/**
 * The zone's UTC offset at an instant. Memoised per 15-minute bucket, because a sweep asks about
 * the same few instants over and over. A bucket is cached only when both of its ends agree, so a
 * transition inside a bucket (historic offsets like +0:53:28) is always read exactly.
 */
function offsetAt(instantMs: number, timeZone: string): number {
  const start = Math.floor(instantMs / BUCKET_MS) * BUCKET_MS;
  const key = `${timeZone}|${start}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const first = readOffset(start, timeZone);
  if (first !== readOffset(start + BUCKET_MS - 1000, timeZone)) return readOffset(instantMs, timeZone);
  // Bounded so a long-running process never grows it without limit.
  if (offsetCache.size >= 50_000) offsetCache.clear();
  offsetCache.set(key, first);
  return first;
}

/** The local wall time of an instant in a zone, as UTC-encoded milliseconds. */
export function toWall(instantMs: number, timeZone: string): number {
  return instantMs + offsetAt(instantMs, timeZone);
}

/**
 * The first instant whose local wall time is at or after `wallMs`. For ordinary times that is the
 * instant showing exactly that wall time; for a time repeated when clocks fall back, the earlier
 * of the two; for a time skipped when clocks spring forward, the instant the clocks jump.
 */
export function fromWall(wallMs: number, timeZone: string): number {
  // Offsets a day either side bracket any single transition near this wall time.
  const offsets = [toWall(wallMs - 86_400_000, timeZone) - (wallMs - 86_400_000), toWall(wallMs + 86_400_000, timeZone) - (wallMs + 86_400_000)];
  const candidates = [...new Set(offsets.map((o) => wallMs - o))].sort((a, b) => a - b);
  const exact = candidates.find((c) => toWall(c, timeZone) === wallMs);
  if (exact !== undefined) return exact;
  // A spring-forward gap: search between the candidates for the first instant past the wall time.
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (toWall(mid, timeZone) >= wallMs) hi = mid;
    else lo = mid;
  }
  return hi;
}
