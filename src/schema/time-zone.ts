import { z } from 'zod';

/**
 * True for a time zone the runtime's Intl knows (IANA names such as "Europe/Berlin", and "UTC").
 * Intl is part of the language, so this stays pure; the answer is the one cron and quiet hours get.
 */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A time zone field: refused with a sentence naming the form when Intl does not know it. */
export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a time zone; write an IANA name such as "UTC", "Europe/Berlin" or "America/New_York"`,
  })
  .meta({ description: 'IANA time zone, e.g. "Europe/Berlin" or "UTC"' });
