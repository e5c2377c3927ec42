import type { LadderStep } from '../../schema/sla';
import type { DeadlineAction } from './types';

/**
 * The default SLA ladder, from the seed design (T+0 notify, T+30m reminder, T+2h channel mention,
 * T+4h @here warning, deadline escalation, deadline+2h page), adapted to the default 4h deadline.
 *
 * Why the warning sits at "deadline-30m" and not at "4h": with a 4h deadline, "T+4h @here warning"
 * and "deadline: escalate" fall on the same instant, and catch-up collapse would fold the warning
 * into the escalation, so nobody would ever see a warning *before* the breach. Anchoring it to the
 * deadline keeps it a real warning for every deadline length (a gate with an 8h deadline is warned
 * at 7h30, not at 4h while half its time is left).
 */
export const DEFAULT_LADDER: readonly LadderStep[] = [
  // The approval card to the assignee and the tasks channel.
  { at: '0', action: 'notify', channel: 'tasks' },
  // Badge and DM to the assignee, or to the claimant once someone said "I'm on it".
  { at: '30m', action: 'remind' },
  { at: '2h', action: 'mention', channel: 'tasks' },
  { at: 'deadline-30m', action: 'warn', channel: 'tasks', mention: ['@here'] },
  // Admins in the alerts channel, and everyone there.
  { at: 'deadline', action: 'escalate', channel: 'alerts', mention: ['@everyone'], urgent: true },
  { at: 'deadline+2h', action: 'page', urgent: true },
];

/** Policy defaults, the bottom layer under config, template and block review settings. */
export const DEFAULT_SLA = {
  deadlineMs: 4 * 3_600_000,
  onDeadline: 'escalate' as DeadlineAction,
  allowAutoApprove: false,
  claimLapseMs: 2 * 3_600_000,
} as const;

/** Channel a step posts to when it names none; undefined means a DM or a page. */
export const DEFAULT_CHANNEL_BY_ACTION = {
  notify: 'tasks',
  remind: undefined,
  mention: 'tasks',
  here: 'tasks',
  warn: 'tasks',
  escalate: 'alerts',
  page: undefined,
} as const satisfies Record<LadderStep['action'], string | undefined>;
