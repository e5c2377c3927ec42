import { SYSTEM_ACTOR } from '../domain/actor';
import type { RunRecord } from '../domain/records';
import type { EngineAction } from '../engine/types';
import { planEscalation, resolvePolicy } from '../engine/sla';
import type { ResolvedPolicy } from '../engine/sla/types';
import type { SlaPolicy } from '../schema/sla';
import type { Queryable } from '../store/db-schema';
import { insertEscalationStep } from '../store/escalation-steps.store';
import { setGateEscalation } from '../store/gate-tasks.store';
import { insertGate } from '../store/gates.store';
import type { GateRecord } from '../domain/records';
import { blockOf } from './read-models';

type OpenGate = Extract<EngineAction, { type: 'open-gate' }>;

/** The SLA policy of one block's gate: config defaults, then the template's, then the block's own. */
export function gatePolicy(run: RunRecord, blockId: string, defaults?: SlaPolicy): ResolvedPolicy {
  const layers = [defaults, run.template.sla, blockOf(run, blockId)?.review?.sla];
  const resolved = resolvePolicy(layers);
  if (resolved.ok) return resolved.value;
  // Templates are validated before a run starts; config is validated at boot. Fall back to the
  // defaults rather than leave a gate without any SLA.
  const fallback = resolvePolicy([]);
  if (!fallback.ok) throw new Error('the default SLA policy is invalid');
  return fallback.value;
}

/**
 * Opens a gate. Guided and auto gates are recorded approved by the system (the audit shows them and
 * the run goes on); a gate that waits for a person gets its deadline and its first escalation time.
 * The card posted now is the ladder's first "notify" step, so that step is recorded as sent.
 */
export async function openGate(
  db: Queryable,
  run: RunRecord,
  action: OpenGate,
  now: Date,
  defaults?: SlaPolicy,
): Promise<{ gate: GateRecord; created: boolean }> {
  const block = blockOf(run, action.blockId);
  const waits = action.mode === 'gate';
  const policy = gatePolicy(run, action.blockId, defaults);
  const deadlineAt = waits ? new Date(now.getTime() + policy.deadlineMs) : null;
  const result = await insertGate(db, {
    runId: run.id,
    blockId: action.blockId,
    position: action.position,
    kind: action.kind,
    attempt: action.attempt,
    mode: action.mode,
    question: action.question ?? null,
    priority: block?.review?.priority ?? 'medium',
    now,
    deadlineAt,
    nextEscalationAt: null,
    decided: waits ? undefined : { status: 'approved', by: SYSTEM_ACTOR, via: 'autonomy', reason: `autonomy: ${action.mode}` },
  });
  if (!result.created || !waits) return result;
  const gate = result.gate;
  const slaGate = { id: gate.id, openedAt: now, deadlineAt, status: 'pending' as const };
  const first = planEscalation({ gate: slaGate, policy, fired: new Set(), now });
  const fired = new Set<string>();
  if (first.due?.action === 'notify') {
    for (const key of first.keysToRecord) {
      await insertEscalationStep(db, { gateId: gate.id, stepKey: `${gate.id}:${key}`, level: first.due.level, action: 'notify', dueAt: now, now });
      fired.add(key);
    }
  }
  const next = fired.size ? planEscalation({ gate: slaGate, policy, fired, now }) : first;
  const nextAt = next.due ? now : next.nextAt;
  await setGateEscalation(db, { gateId: gate.id, level: first.due?.action === 'notify' ? first.due.level : 0, nextEscalationAt: nextAt });
  return { gate: { ...gate, nextEscalationAt: nextAt }, created: true };
}
