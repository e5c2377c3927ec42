import { formatDuration } from '../schema/duration';
import { timeToken } from '../domain/time-token';

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

/*
 * Live versions for card text: a time token (src/domain/time-token.ts) that Discord and Slack show
 * as live time in each reader's zone, with today's plain wording as the fallback the console shows.
 * The wording around a token reads right whether it renders as "5 minutes ago" (Discord), "Today
 * 14:02" (Slack) or "5m ago" (console).
 */

/** "due ⟦in 3h 20m (17:22 UTC)⟧", "overdue, was due ⟦40m ago⟧", or "no deadline". */
export function liveDue(deadlineAt: Date | null | undefined, now: Date): string {
  const left = computeSlaLeftMs(deadlineAt, now);
  if (left === null || !deadlineAt) return 'no deadline';
  if (left > 0) return `due ${timeToken(deadlineAt, 'relative', `in ${formatDuration(left)} (${formatClockTime(deadlineAt, now)})`)}`;
  return `overdue, was due ${timeToken(deadlineAt, 'relative', `${formatDuration(-left)} ago`)}`;
}

/** A past moment after a verb ("opened ⟦5m ago⟧", "failed ⟦2h ago⟧"). */
export function liveAgo(since: Date, now: Date): string {
  return timeToken(since, 'relative', `${describeAge(since, now)} ago`);
}

/** A date and time ("at ⟦14:02 UTC⟧"): each reader's own zone on the platforms, UTC in the console. */
export function liveClock(at: Date, now: Date): string {
  return timeToken(at, 'datetime', formatClockTime(at, now));
}
