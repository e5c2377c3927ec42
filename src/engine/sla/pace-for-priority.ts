import type { GatePriority, ResolvedPolicy } from './types';

/**
 * The policy as a gate of this priority runs it: the deadline, every step's offset and every repeat
 * interval times the priority's pace (0.5 for critical by default: the whole ladder twice as fast).
 * Claim lapse and quiet hours are about people, not urgency, and stay as they are. A pace of 1
 * returns the policy itself. Pure.
 */
export function paceForPriority(policy: ResolvedPolicy, priority: GatePriority): ResolvedPolicy {
  const pace = policy.priorityPace?.[priority] ?? 1;
  if (pace === 1) return policy;
  const scale = (ms: number) => Math.round(ms * pace);
  return {
    ...policy,
    deadlineMs: scale(policy.deadlineMs),
    steps: policy.steps.map((step) => ({
      ...step,
      timing: { ...step.timing, offsetMs: scale(step.timing.offsetMs) },
      repeat: step.repeat ? { ...step.repeat, everyMs: scale(step.repeat.everyMs) } : null,
    })),
  };
}
