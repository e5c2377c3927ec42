import type { QuietHours } from '../../schema/sla';
import { nextWorkingTime } from './next-working-time';
import { validateQuietHours } from './validate-quiet-hours';

/**
 * When a message meant for one person (a reminder DM, "assigned to you") may reach them: now when
 * they have no quiet hours, the message is urgent, or `now` falls in their working hours; else the
 * start of their next working hours. Quiet hours that do not validate are ignored rather than
 * holding a reminder back forever. Channel posts never go through this: a team channel has no
 * one person's night. Pure.
 */
export function personalDeliveryTime(now: Date, quietHours: QuietHours | undefined, urgent: boolean): Date {
  if (!quietHours || urgent) return now;
  if (validateQuietHours(quietHours).length > 0) return now;
  return nextWorkingTime(now, quietHours);
}
