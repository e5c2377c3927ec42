import type { QuietHours } from '../../schema/sla';
import { parseWorkingHours } from './next-working-time';
import { isValidTimeZone } from './zoned-time';

/**
 * Problems with a quiet-hours setting that the schema cannot see: an unknown time zone, impossible
 * clock times, working hours that end before they start, or no working day at all.
 */
export function validateQuietHours(quiet: QuietHours): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (!isValidTimeZone(quiet.timezone)) {
    issues.push({ path: 'quiet_hours.timezone', message: `"${quiet.timezone}" is not an IANA time zone such as "Europe/Berlin"` });
  }
  let hours: { startMin: number; endMin: number } | null = null;
  try {
    hours = parseWorkingHours(quiet.hours);
  } catch {
    issues.push({ path: 'quiet_hours.hours', message: 'write working hours as "09:00-18:00"' });
  }
  if (hours) {
    // Minutes of 60 and more, or hours past 24:00, would silently roll over into the next hour or day.
    const bad = /:[6-9]\d/.test(quiet.hours) || hours.startMin >= 24 * 60 || hours.endMin > 24 * 60;
    if (bad) issues.push({ path: 'quiet_hours.hours', message: `"${quiet.hours}" is not a time range within one day` });
    else if (hours.startMin >= hours.endMin) {
      issues.push({ path: 'quiet_hours.hours', message: `working hours "${quiet.hours}" must start before they end (overnight ranges are not supported)` });
    }
  }
  if (quiet.days.length === 0) issues.push({ path: 'quiet_hours.days', message: 'name at least one working day (1 = Monday ... 7 = Sunday)' });
  return issues;
}
