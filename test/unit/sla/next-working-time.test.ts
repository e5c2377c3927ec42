import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextWorkingTime } from '../../../src/engine/sla';
import type { QuietHours } from '../../../src/schema/sla';

const BERLIN: QuietHours = { timezone: 'Europe/Berlin', hours: '09:00-18:00', days: [1, 2, 3, 4, 5] };
const NEW_YORK: QuietHours = { timezone: 'America/New_York', hours: '09:00-17:00', days: [1, 2, 3, 4, 5] };
const next = (iso: string, q: QuietHours) => nextWorkingTime(new Date(iso), q).toISOString();

describe('GIVEN Berlin office hours around the last Sunday of March (CET -> CEST on 30 March 2025)', () => {
  it.each([
    ['inside working hours: unchanged', '2025-03-28T16:30:00.000Z', '2025-03-28T16:30:00.000Z'],
    ['Friday before 09:00 CET: 09:00 the same day', '2025-03-28T06:00:00.000Z', '2025-03-28T08:00:00.000Z'],
    ['Friday 18:00 CET (end is exclusive): Monday 09:00 CEST', '2025-03-28T17:00:00.000Z', '2025-03-31T07:00:00.000Z'],
    ['Saturday: Monday 09:00 CEST', '2025-03-29T12:00:00.000Z', '2025-03-31T07:00:00.000Z'],
    ['Sunday just after the switch: Monday 09:00 CEST', '2025-03-30T01:30:00.000Z', '2025-03-31T07:00:00.000Z'],
    ['Monday 08:59:59 CEST: 09:00 CEST', '2025-03-31T06:59:59.000Z', '2025-03-31T07:00:00.000Z'],
  ])('%s', (_label, input, expected) => {
    expect(next(input, BERLIN)).toBe(expected);
  });
});

describe('GIVEN Berlin office hours around the last Sunday of October (CEST -> CET on 26 October 2025)', () => {
  it.each([
    ['Friday 18:30 CEST: Monday 09:00 CET', '2025-10-24T16:30:00.000Z', '2025-10-27T08:00:00.000Z'],
    ['Sunday in the repeated hour: Monday 09:00 CET', '2025-10-26T00:30:00.000Z', '2025-10-27T08:00:00.000Z'],
    ['Monday 17:59 CET: unchanged', '2025-10-27T16:59:00.000Z', '2025-10-27T16:59:00.000Z'],
  ])('%s', (_label, input, expected) => {
    expect(next(input, BERLIN)).toBe(expected);
  });
});

describe('GIVEN New York office hours around both DST changes of 2025', () => {
  it.each([
    ['Friday 7 March 18:00 EST: Monday 10 March 09:00 EDT', '2025-03-07T23:00:00.000Z', '2025-03-10T13:00:00.000Z'],
    ['Friday 31 October 20:00 EDT: Monday 3 November 09:00 EST', '2025-11-01T00:00:00.000Z', '2025-11-03T14:00:00.000Z'],
    ['Wednesday 23:00 EST (already Thursday in UTC): Thursday 09:00 EST', '2025-12-04T04:00:00.000Z', '2025-12-04T14:00:00.000Z'],
  ])('%s', (_label, input, expected) => {
    expect(next(input, NEW_YORK)).toBe(expected);
  });
});

describe('GIVEN working hours that start inside a DST change', () => {
  const night: QuietHours = { timezone: 'Europe/Berlin', hours: '02:30-05:00', days: [1, 2, 3, 4, 5, 6, 7] };
  it('WHEN 02:30 is skipped (spring forward) THEN work starts the instant clocks jump to 03:00', () => {
    expect(next('2025-03-30T00:30:00.000Z', night)).toBe('2025-03-30T01:00:00.000Z');
  });
  it('WHEN 02:30 happens twice (fall back) THEN work starts at the first one', () => {
    expect(next('2025-10-25T23:00:00.000Z', night)).toBe('2025-10-26T00:30:00.000Z');
  });
});

describe('GIVEN weekend work days', () => {
  it('THEN a Saturday-only team is reached on Saturday', () => {
    expect(next('2025-06-04T12:00:00.000Z', { timezone: 'UTC', hours: '10:00-12:00', days: [6] })).toBe('2025-06-07T10:00:00.000Z');
  });
});

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
const quietHours = fc.record({
  timezone: fc.constantFrom(...ZONES),
  hours: fc
    .tuple(fc.integer({ min: 0, max: 22 }), fc.constantFrom(0, 30), fc.integer({ min: 1, max: 12 }))
    .map(([h, m, len]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}-${String(Math.min(24, h + len)).padStart(2, '0')}:${String(m === 30 && h + len >= 24 ? 0 : m).padStart(2, '0')}`),
  days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
});
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms));

/** Brute force: is this instant inside working hours? Reads the wall clock through a separate Intl path. */
const oracles = new Map<string, Intl.DateTimeFormat>();
function isWorking(date: Date, q: QuietHours): boolean {
  const oracle = oracles.get(q.timezone) ?? new Intl.DateTimeFormat('en-GB', { timeZone: q.timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  oracles.set(q.timezone, oracle);
  const parts = oracle.formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  const [start, end] = q.hours.split('-').map((hm) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3)));
  return q.days.includes(day) && minute >= start! && minute < end!;
}

describe('nextWorkingTime properties', () => {
  it('THEN the result is never earlier, is inside working hours, and no working minute lies between', () => {
    fc.assert(
      fc.property(instant, quietHours, (date, q) => {
        const result = nextWorkingTime(date, q);
        expect(result.getTime()).toBeGreaterThanOrEqual(date.getTime());
        expect(isWorking(result, q)).toBe(true);
        // Nothing in between may be working time. Sampling every 30 minutes cannot step over a whole
        // working window (the generated ones last an hour or more); the last minute is checked exactly.
        const firstMinute = Math.ceil((date.getTime() + 1) / 60_000) * 60_000;
        for (let t = firstMinute; t < result.getTime(); t += 30 * 60_000) expect(isWorking(new Date(t), q)).toBe(false);
        if (result.getTime() - 60_000 >= date.getTime()) expect(isWorking(new Date(result.getTime() - 60_000), q)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('THEN it is idempotent', () => {
    fc.assert(
      fc.property(instant, quietHours, (date, q) => {
        const once = nextWorkingTime(date, q);
        expect(nextWorkingTime(once, q)).toEqual(once);
      }),
    );
  });
});
