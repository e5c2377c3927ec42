import type { QuietHours } from '../../schema/sla';
import { fromWall, toWall } from './zoned-time';

const DAY_MS = 86_400_000;
const HOURS = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/** Working hours as minutes after local midnight, end exclusive. Throws on text that is not "HH:MM-HH:MM". */
export function parseWorkingHours(hours: string): { startMin: number; endMin: number } {
  const m = HOURS.exec(hours);
  if (!m) throw new RangeError(`working hours "${hours}" are not "HH:MM-HH:MM"`);
  const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  return { startMin: sh * 60 + sm, endMin: eh * 60 + em };
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of a UTC-encoded wall time. */
function isoWeekday(wallMs: number): number {
  return new Date(wallMs).getUTCDay() || 7;
}

/**
 * The given instant if it falls inside working hours on a working day in the policy's time zone,
 * otherwise the next start of working hours. Works on local wall time, so it stays at 09:00 local
 * across DST changes, and it skips weekends and any other non-working day.
 * Throws a RangeError for malformed hours or an unknown time zone; `resolvePolicy` rejects both
 * before a policy ever reaches the planner.
 */
export function nextWorkingTime(date: Date, quietHours: QuietHours): Date {
  const { startMin, endMin } = parseWorkingHours(quietHours.hours);
  const days = quietHours.days.length > 0 ? quietHours.days : [1, 2, 3, 4, 5];
  const wall = toWall(date.getTime(), quietHours.timezone);
  const midnight = Math.floor(wall / DAY_MS) * DAY_MS;
  const minute = (wall - midnight) / 60_000;
  const today = isoWeekday(midnight);
  if (days.includes(today) && minute >= startMin && minute < endMin) return date;
  // Today still counts if working hours have not begun yet; otherwise look from tomorrow, a week at most.
  const firstOffset = days.includes(today) && minute < startMin ? 0 : 1;
  for (let offset = firstOffset; offset <= firstOffset + 7; offset += 1) {
    const day = midnight + offset * DAY_MS;
    if (days.includes(isoWeekday(day))) {
      return new Date(fromWall(day + startMin * 60_000, quietHours.timezone));
    }
  }
  // Unreachable: `days` is non-empty and holds ISO weekdays, so a week always contains one.
  return date;
}
