import { describe, expect, it } from 'vitest';
import { describeAge, describeDue, formatClockTime } from '../../../src/cards/relative-time';
import { NOW, minutesFromNow } from './fixtures';

describe('relative time', () => {
  it.each([
    [200, 'due in 3h 20m'],
    [1, 'due in 1m'],
    [0, 'overdue by 0s'],
    [-40, 'overdue by 40m'],
    [-60 * 26, 'overdue by 1d 2h'],
  ])('GIVEN a deadline %i minutes from now THEN "%s"', (minutes, text) => {
    expect(describeDue(minutesFromNow(minutes), NOW)).toBe(text);
  });

  it('GIVEN a time in the future THEN the age is never negative', () => {
    expect(describeAge(minutesFromNow(5), NOW)).toBe('0s');
  });

  it('GIVEN the same or another UTC day THEN the clock time carries the date only when needed', () => {
    expect(formatClockTime(new Date('2025-03-04T09:05:00Z'), NOW)).toBe('09:05 UTC');
    expect(formatClockTime(new Date('2025-03-05T00:30:00Z'), NOW)).toBe('2025-03-05 00:30 UTC');
  });
});
