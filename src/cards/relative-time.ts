import { formatDuration } from '../schema/duration';

/** Milliseconds left until the deadline (negative once it passed), or null without a deadline. */
export function computeSlaLeftMs(deadlineAt: Date | null | undefined, now: Date): number | null {
  return deadlineAt ? deadlineAt.getTime() - now.getTime() : null;
}

/** "due in 3h 20m", "overdue by 40m", or "no deadline". */
export function describeDue(deadlineAt: Date | null | undefined, now: Date): string {
  const left = computeSlaLeftMs(deadlineAt, now);
  if (left === null) return 'no deadline';
  return left > 0 ? `due in ${formatDuration(left)}` : `overdue by ${formatDuration(-left)}`;
}

/** True once the deadline has passed. */
export function isOverdue(deadlineAt: Date | null | undefined, now: Date): boolean {
  const left = computeSlaLeftMs(deadlineAt, now);
  return left !== null && left <= 0;
}

/** How long since `since`, never negative: "2h 5m". */
export function describeAge(since: Date, now: Date): string {
  return formatDuration(Math.max(0, now.getTime() - since.getTime()));
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A wall-clock time in UTC: "14:02 UTC" on the same UTC day as `now`, "2025-03-02 14:02 UTC"
 * otherwise. UTC because a card is read by people in different zones.
 */
export function formatClockTime(at: Date, now: Date): string {
  const clock = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
  const sameDay = at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  return sameDay ? clock : `${at.toISOString().slice(0, 10)} ${clock}`;
}
