import type { GateStatus } from '../../domain/statuses';
import type { DeadlineAction, LadderAction, QuietHours } from '../../schema/sla';

export type { DeadlineAction, LadderAction };

/** Who a step speaks to; the caller turns it into a DM, a channel post or a page. */
export type Audience = 'assignee' | 'claimant' | 'channel' | 'admins' | 'owner';

/** When a step fires, parsed from "30m", "0", "deadline", "deadline-30m", "deadline+2h". */
export interface StepTiming {
  anchor: 'opened' | 'deadline';
  /** Milliseconds after (or, negative, before) the anchor. */
  offsetMs: number;
}

/** A ladder step with defaults filled in and its timing parsed. */
export interface ResolvedStep {
  /** Position in the resolved ladder; this is the step's escalation level. */
  index: number;
  /** The timing as written, for cards and logs. */
  at: string;
  timing: StepTiming;
  action: LadderAction;
  /** Named channel (tasks, alerts, ...); absent for DMs and pages. */
  channel?: string;
  mentions: readonly string[];
  /** `max` further sends after the first, `everyMs` apart; null fires once. */
  repeat: { everyMs: number; max: number } | null;
  /** Ignores quiet hours. Steps at or after the deadline are urgent regardless. */
  urgent: boolean;
}

/** An SLA policy after merging its layers: every key has a value. */
export interface ResolvedPolicy {
  deadlineMs: number;
  onDeadline: DeadlineAction;
  allowAutoApprove: boolean;
  claimLapseMs: number;
  /** Ordered by when each step first fires under `deadlineMs`; the order is the level. */
  steps: readonly ResolvedStep[];
  quietHours: QuietHours | null;
  /** Factor on the deadline and step times per gate priority (see `paceForPriority`); absent: all 1. */
  priorityPace?: Readonly<Record<GatePriority, number>>;
}

export type GatePriority = 'critical' | 'high' | 'medium' | 'low';

/** The gate fields the planner reads. Times are instants; absent means "not set". */
export interface SlaGate {
  id: string;
  openedAt: Date;
  /** Overrides the policy deadline for this gate. */
  deadlineAt?: Date | null;
  claimedBy?: string | null;
  /** When the claim was made or last confirmed; a claim without it counts from `openedAt`. */
  claimedAt?: Date | null;
  snoozedUntil?: Date | null;
  status: GateStatus;
}

/** The one message to send now for a gate. */
export interface DueStep {
  /** `${stepIndex}:${repeat}`: unique per gate; record it as fired. */
  key: string;
  level: number;
  action: LadderAction;
  channel?: string;
  mentions: readonly string[];
  audience: Audience;
  urgent: boolean;
  /** Keys of earlier missed steps folded into this one; record them as fired too. */
  collapsed: readonly string[];
}

export interface PlanEscalationInput {
  gate: SlaGate;
  policy: ResolvedPolicy;
  /** Step keys already sent for this gate (including `DEADLINE_ACTION_KEY`). */
  fired: ReadonlySet<string>;
  now: Date;
}

export interface EscalationPlan {
  due: DueStep | null;
  /** Earliest time anything further can become due; store it in next_escalation_at. Null: nothing left. */
  nextAt: Date | null;
  /** The deadline action, returned once; record `DEADLINE_ACTION_KEY` when applying it. */
  deadlineAction: DeadlineAction | null;
  /** The claim ran past `claim_lapse` unconfirmed: clear it. The plan already treats the gate as unclaimed. */
  claimLapsed: boolean;
  /** Every key the caller records as fired when it applies this plan: due, collapsed and the deadline key. */
  keysToRecord: readonly string[];
}

/** The fired-key of the deadline action (it is not a ladder step, so it has no index). */
export const DEADLINE_ACTION_KEY = 'deadline:action';
