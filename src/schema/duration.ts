import { z } from 'zod';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;

/**
 * Parses a human duration ("30m", "4h", "2h30m", "1d", "500ms") or a number of milliseconds.
 * Returns null when the text is not a duration, so callers can say what was wrong.
 */
export function parseDuration(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? Math.round(input) : null;
  const text = input.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text);
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let m = PART.exec(text); m; m = PART.exec(text)) {
    total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
    consumed = PART.lastIndex;
  }
  return consumed === text.length ? Math.round(total) : null;
}

/** Formats milliseconds compactly for people: 0s, 45s, 12m, 2h 5m, 3d 4h. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms / 1000));
  const d = Math.floor(rest / 86_400);
  rest -= d * 86_400;
  const h = Math.floor(rest / 3_600);
  rest -= h * 3_600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  if (d > 0) return `${sign}${d}d${h ? ` ${h}h` : ''}`;
  if (h > 0) return `${sign}${h}h${m ? ` ${m}m` : ''}`;
  if (m > 0) return `${sign}${m}m`;
  return `${sign}${s}s`;
}

/** A duration field: accepts "30m"-style text or milliseconds, yields milliseconds. */
export const durationSchema = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === null) {
      ctx.addIssue({
        code: 'custom',
        message: `"${String(value)}" is not a duration; write it like "90s", "30m", "4h", "2h30m" or "1d", or as milliseconds`,
      });
      return z.NEVER;
    }
    return ms;
  })
  .meta({ description: 'A duration such as "30m", "4h", "2h30m", "1d", or a number of milliseconds' });

/** Every duration schema, so the JSON Schema export can describe each one the same way. */
export const DURATION_SCHEMAS: Set<z.ZodType> = new Set([durationSchema]);

/**
 * A duration that must lie in [min, max] milliseconds, refused with a sentence naming the range
 * (a block timeout of "0s" would fail every attempt at once; one of years never fires).
 */
export function durationWithin(minMs: number, maxMs: number, what: string): z.ZodType<number, string | number> {
  const range = `between ${formatDuration(minMs)} and ${formatDuration(maxMs)}`;
  const schema = durationSchema.refine((ms) => ms >= minMs && ms <= maxMs, {
    error: (issue) => `${what} must be ${range}, not ${formatDuration(Number(issue.input))}; write it like "90s", "20m" or "2h"`,
  });
  DURATION_SCHEMAS.add(schema);
  return schema;
}
