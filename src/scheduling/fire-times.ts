import { CronExpressionParser } from 'cron-parser';

/**
 * Cron arithmetic for scheduled runs, in the schedule's IANA time zone (UTC when it names none), so
 * "0 6 * * *" in Europe/Berlin stays at 06:00 local across daylight-saving changes. Pure: the
 * instant is always passed in. Both return null for an expression or zone cron-parser refuses
 * (templates are validated, but a schedule row may outlive its template).
 */

/** The first fire strictly after `after`. */
export function nextFireAfter(cron: string, timezone: string | null | undefined, after: Date): Date | null {
  try {
    return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone ?? 'UTC' }).next().toDate();
  } catch {
    return null;
  }
}

/** The last fire at or before `at`: after downtime, the one fire that stands for all the missed ones. */
export function latestFireAtOrBefore(cron: string, timezone: string | null | undefined, at: Date): Date | null {
  try {
    // cron-parser's prev() is strictly before its current date; one millisecond on includes `at` itself.
    return CronExpressionParser.parse(cron, { currentDate: new Date(at.getTime() + 1), tz: timezone ?? 'UTC' }).prev().toDate();
  } catch {
    return null;
  }
}
