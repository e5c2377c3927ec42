import type { Occurrence } from './schedule-occurrences';
import { scheduleOccurrences } from './schedule-occurrences';
import { audienceOf } from './step-audience';
import type { DeadlineAction, DueStep, EscalationPlan, PlanEscalationInput } from './types';
import { DEADLINE_ACTION_KEY } from './types';

const NOTHING: EscalationPlan = { due: null, nextAt: null, deadlineAction: null, claimLapsed: false, keysToRecord: [] };

/**
 * Decides, for one gate at `now`, which ladder step to send and when to look at the gate again.
 *
 * - At most one message per call: every step that fell due and was not fired (after downtime, a
 *   snooze, quiet hours or a lapsed claim) collapses into the highest-level one; the others are in
 *   `collapsed` and must be recorded as fired with it. A sweep after an outage never sends a burst.
 * - A live claim holds back steps aimed at the channel (until it lapses, or at most until the
 *   deadline for pre-deadline steps) and sends reminders to the claimant; escalation and paging go
 *   on regardless. A claim older than `claim_lapse` is reported as lapsed and ignored.
 * - Snooze and quiet hours delay steps before the deadline, never past it; steps at or after the
 *   deadline, and urgent steps (for quiet hours), are never delayed.
 * - The deadline action is returned once, keyed `DEADLINE_ACTION_KEY`.
 * - `nextAt` is the earliest instant at which a further call can return something new (a step,
 *   the deadline action or a claim lapse), or null when the gate has nothing left.
 *
 * Pure: the same input always gives the same plan. Only pending gates escalate.
 */
export function planEscalation({ gate, policy, fired, now }: PlanEscalationInput): EscalationPlan {
  if (gate.status !== 'pending') return NOTHING;
  const nowMs = now.getTime();
  const openedMs = gate.openedAt.getTime();
  const deadlineMs = gate.deadlineAt ? gate.deadlineAt.getTime() : openedMs + policy.deadlineMs;

  const claimEndMs = gate.claimedBy ? (gate.claimedAt ?? gate.openedAt).getTime() + policy.claimLapseMs : null;
  const claimLapsed = claimEndMs !== null && nowMs >= claimEndMs;
  const claimHeldUntilMs = claimEndMs !== null && !claimLapsed ? claimEndMs : null;

  const occurrences = scheduleOccurrences(
    policy.steps,
    { openedMs, deadlineMs, claimHeldUntilMs, snoozedUntilMs: gate.snoozedUntil?.getTime() ?? null, quietHours: policy.quietHours },
    fired,
  );
  const dueNow = occurrences.filter((o) => o.dueMs <= nowMs);
  const later = occurrences.filter((o) => o.dueMs > nowMs).map((o) => o.dueMs);

  const due = dueNow.length > 0 ? collapse(dueNow, deadlineMs, claimHeldUntilMs !== null) : null;

  let deadlineAction: DeadlineAction | null = null;
  if (!fired.has(DEADLINE_ACTION_KEY)) {
    if (nowMs >= deadlineMs) deadlineAction = effectiveDeadlineAction(policy.onDeadline, policy.allowAutoApprove);
    else later.push(deadlineMs);
  }
  if (claimHeldUntilMs !== null) later.push(claimHeldUntilMs);

  const keysToRecord = [...(due ? [due.key, ...due.collapsed] : []), ...(deadlineAction ? [DEADLINE_ACTION_KEY] : [])];
  const nextAt = later.length > 0 ? new Date(Math.min(...later)) : null;
  return { due, nextAt, deadlineAction, claimLapsed, keysToRecord };
}

/** Folds every due occurrence into the highest level (the latest repeat on a tie). */
function collapse(dueNow: Occurrence[], deadlineMs: number, claimed: boolean): DueStep {
  const top = dueNow.reduce((a, b) => (b.step.index > a.step.index || (b.step.index === a.step.index && b.repeat > a.repeat) ? b : a));
  const { step } = top;
  return {
    key: top.key,
    level: step.index,
    action: step.action,
    ...(step.channel ? { channel: step.channel } : {}),
    mentions: step.mentions,
    audience: audienceOf(step.action, claimed),
    urgent: step.urgent || top.baseMs >= deadlineMs,
    collapsed: dueNow.filter((o) => o !== top).map((o) => o.key),
  };
}

/** Fail safe: a hand-built policy that says approve without the opt-in escalates instead. */
function effectiveDeadlineAction(action: DeadlineAction, allowAutoApprove: boolean): DeadlineAction {
  return action === 'approve' && !allowAutoApprove ? 'escalate' : action;
}
