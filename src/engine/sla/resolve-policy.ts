import type { Result } from '../../domain/result';
import { err, ok } from '../../domain/result';
import type { LadderStep, SlaPolicy } from '../../schema/sla';
import { DEFAULT_CHANNEL_BY_ACTION, DEFAULT_LADDER, DEFAULT_SLA } from './default-ladder';
import { parseStepTiming } from './parse-step-timing';
import { validateQuietHours } from './validate-quiet-hours';
import type { ResolvedPolicy, ResolvedStep } from './types';

/** One problem with a policy: where (a path into the merged policy) and a sentence for the person. */
export interface SlaPolicyIssue {
  path: string;
  message: string;
}

/**
 * Merges SLA policy layers, lowest first (config defaults, template `sla`, block `review.sla`), over
 * the built-in defaults. A later layer wins key by key; `steps` replaces the whole ladder (merging
 * ladders step by step would make "which reminders fire" impossible to read from any one file).
 * Returns every problem found instead of throwing; notably `on_deadline: "approve"` is refused
 * unless `allow_auto_approve` is true, so nothing is approved by a clock unless someone said so.
 */
export function resolvePolicy(layers: ReadonlyArray<SlaPolicy | undefined>): Result<ResolvedPolicy, SlaPolicyIssue[]> {
  const merged: SlaPolicy = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer) as Array<[keyof SlaPolicy, unknown]>) {
      if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
    }
  }

  const issues: SlaPolicyIssue[] = [];
  const deadlineMs = merged.deadline ?? DEFAULT_SLA.deadlineMs;
  if (deadlineMs <= 0) issues.push({ path: 'deadline', message: 'the deadline must be longer than zero' });
  const claimLapseMs = merged.claim_lapse ?? DEFAULT_SLA.claimLapseMs;
  if (claimLapseMs <= 0) issues.push({ path: 'claim_lapse', message: 'claim_lapse must be longer than zero' });
  const onDeadline = merged.on_deadline ?? DEFAULT_SLA.onDeadline;
  const allowAutoApprove = merged.allow_auto_approve ?? DEFAULT_SLA.allowAutoApprove;
  if (onDeadline === 'approve' && !allowAutoApprove) {
    issues.push({
      path: 'on_deadline',
      message: 'on_deadline "approve" approves without a person; set allow_auto_approve: true to allow it, or use "escalate" or "reject"',
    });
  }
  const quietHours = merged.quiet_hours ?? null;
  if (quietHours) issues.push(...validateQuietHours(quietHours));

  const steps = (merged.steps ?? DEFAULT_LADDER).flatMap((step, i) => {
    const resolved = resolveStep(step, i, issues);
    return resolved ? [{ resolved, firstMs: firstFireOffset(resolved, deadlineMs) }] : [];
  });
  if (issues.length > 0) return err(issues);

  // Stable sort by first firing under the policy deadline, so the level grows with time.
  const ordered = steps
    .map((s, order) => ({ ...s, order }))
    .sort((a, b) => a.firstMs - b.firstMs || a.order - b.order)
    .map(({ resolved }, index) => ({ ...resolved, index }));

  const priorityPace = { ...DEFAULT_PRIORITY_PACE, ...definedOnly(merged.priority_pace ?? {}) };
  return ok({ deadlineMs, onDeadline, allowAutoApprove, claimLapseMs, steps: ordered, quietHours, priorityPace });
}

/** Critical gates escalate twice as fast unless a policy says otherwise. */
export const DEFAULT_PRIORITY_PACE = { critical: 0.5, high: 1, medium: 1, low: 1 } as const;

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function resolveStep(step: LadderStep, i: number, issues: SlaPolicyIssue[]): ResolvedStep | null {
  const timing = parseStepTiming(step.at);
  if (!timing) {
    issues.push({ path: `steps[${i}].at`, message: `"${step.at}" is not a step time; write "30m", "deadline", "deadline-30m" or "deadline+2h"` });
    return null;
  }
  if (step.repeat && step.repeat.every <= 0) {
    issues.push({ path: `steps[${i}].repeat.every`, message: 'a repeat interval must be longer than zero' });
    return null;
  }
  const channel = step.channel ?? DEFAULT_CHANNEL_BY_ACTION[step.action];
  const mentions = step.mention ?? (step.action === 'here' ? ['@here'] : []);
  return {
    index: i,
    at: step.at,
    timing,
    action: step.action,
    ...(channel ? { channel } : {}),
    mentions,
    repeat: step.repeat ? { everyMs: step.repeat.every, max: step.repeat.max ?? 3 } : null,
    urgent: step.urgent ?? false,
  };
}

function firstFireOffset(step: ResolvedStep, deadlineMs: number): number {
  const raw = step.timing.anchor === 'opened' ? step.timing.offsetMs : deadlineMs + step.timing.offsetMs;
  return Math.max(raw, 0);
}
