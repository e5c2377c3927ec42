import { z } from 'zod';
import { durationSchema } from './duration';
import { timeZoneSchema } from './time-zone';

/**
 * When a ladder step fires: "30m" after the gate opened, or relative to the deadline
 * ("deadline", "deadline-30m", "deadline+2h").
 */
export const stepTimingSchema = z
  .string()
  .regex(
    /^(deadline([+-]\d+(\.\d+)?(ms|s|m|h|d|w))*|\d+(\.\d+)?(ms|s|m|h|d|w)(\d+(\.\d+)?(ms|s|m|h|d|w))*|0)$/,
    'write a step time as "30m" (after the gate opens), "deadline", "deadline-30m" or "deadline+2h"',
  )
  .meta({ description: 'When the step fires: "30m" after opening, or "deadline", "deadline-30m", "deadline+2h"' });

export const LADDER_ACTIONS = ['notify', 'remind', 'mention', 'here', 'warn', 'escalate', 'page'] as const;

export const ladderStepSchema = z.strictObject({
  at: stepTimingSchema,
  /**
   * notify: the card to the assignee and the tasks channel; remind: DM the assignee or claimant;
   * mention: mention users or roles in a channel; here: @here warning; warn: SLA warning card;
   * escalate: admins in the alerts channel; page: the owner through the paging webhook.
   */
  action: z.enum(LADDER_ACTIONS),
  channel: z.string().min(1).optional().meta({ description: 'Named channel (see config channels)' }),
  mention: z.array(z.string().min(1)).optional().meta({ description: 'User ids, role ids or "@here"' }),
  repeat: z
    .strictObject({ every: durationSchema, max: z.number().int().min(1).max(100).default(3) })
    .optional(),
  /** Urgent steps ignore quiet hours. Steps at or after the deadline are always urgent. */
  urgent: z.boolean().optional(),
});

export const quietHoursSchema = z.strictObject({
  timezone: timeZoneSchema,
  /** Working hours, "09:00-18:00". Non-urgent steps wait until they begin. */
  hours: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'write working hours as "09:00-18:00"'),
  /** Working days, 1 = Monday ... 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
});

export const DEADLINE_ACTIONS = ['escalate', 'reject', 'approve'] as const;

export const slaPolicySchema = z.strictObject({
  deadline: durationSchema.optional(),
  steps: z.array(ladderStepSchema).optional(),
  on_deadline: z.enum(DEADLINE_ACTIONS).optional(),
  /** approve-at-deadline is refused unless the template says so explicitly. */
  allow_auto_approve: z.boolean().optional(),
  /** How long a claim holds without a decision before it lapses back to the team. */
  claim_lapse: durationSchema.optional(),
  quiet_hours: quietHoursSchema.optional(),
  /**
   * How fast the ladder runs per gate priority: a factor on the deadline and on every step's time
   * (0.5 = twice as fast). Default critical 0.5, the others 1.
   */
  priority_pace: z
    .strictObject({
      critical: z.number().gt(0).max(1).optional(),
      high: z.number().gt(0).max(1).optional(),
      medium: z.number().gt(0).max(1).optional(),
      low: z.number().gt(0).max(1).optional(),
    })
    .optional(),
});

export type LadderStep = z.output<typeof ladderStepSchema>;
export type SlaPolicy = z.output<typeof slaPolicySchema>;
export type QuietHours = z.output<typeof quietHoursSchema>;
/** One ladder action (additive: used by the SLA engine, cards and read models). */
export type LadderAction = (typeof LADDER_ACTIONS)[number];
/** What happens to a gate when its deadline passes (additive). */
export type DeadlineAction = (typeof DEADLINE_ACTIONS)[number];
