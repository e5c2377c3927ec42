import type { GateRecord } from '../domain/records';
import type { EscalationPlan, ResolvedPolicy } from '../engine/sla';
import { DEADLINE_ACTION_KEY } from '../engine/sla';
import { resolveStepTime } from '../engine/sla/parse-step-timing';
import type { Queryable } from '../store/db-schema';
import { insertEscalationStep } from '../store/escalation-steps.store';

/**
 * Records every key of a plan as fired (the due step, the missed ones folded into it, the deadline
 * action), stored as `${gateId}:${key}` like openGate does. Returns the keys this caller inserted:
 * only the inserter acts on a key, so a second sweeper or a replayed pass sends nothing twice.
 */
export async function recordFiredSteps(db: Queryable, gate: GateRecord, policy: ResolvedPolicy, plan: EscalationPlan, now: Date): Promise<Set<string>> {
  const openedMs = gate.openedAt.getTime();
  const deadlineMs = gate.deadlineAt ? gate.deadlineAt.getTime() : openedMs + policy.deadlineMs;
  const inserted = new Set<string>();
  for (const key of plan.keysToRecord) {
    const facts = describeKey(key, policy, plan, gate, openedMs, deadlineMs);
    const fresh = await insertEscalationStep(db, { gateId: gate.id, stepKey: `${gate.id}:${key}`, ...facts, now });
    if (fresh) inserted.add(key);
  }
  return inserted;
}

/** Level, action and the time the ladder set for one key ("3:1" is the second send of step 3). */
function describeKey(key: string, policy: ResolvedPolicy, plan: EscalationPlan, gate: GateRecord, openedMs: number, deadlineMs: number) {
  if (key === DEADLINE_ACTION_KEY) {
    return { level: plan.due?.level ?? gate.escalationLevel, action: `deadline:${plan.deadlineAction ?? 'none'}`, dueAt: new Date(deadlineMs) };
  }
  const [index, repeat] = key.split(':').map(Number) as [number, number];
  const step = policy.steps[index];
  if (!step) return { level: index, action: 'unknown', dueAt: new Date(openedMs) };
  const first = resolveStepTime(step.timing, openedMs, deadlineMs);
  return { level: index, action: step.action, dueAt: new Date(first + (repeat || 0) * (step.repeat?.everyMs ?? 0)) };
}
