import type { RunRecord } from '../domain/records';
import type { EngineAction } from '../engine/types';
import { paceForPriority, planEscalation, resolvePolicy, type GatePriority } from '../engine/sla';
import type { ResolvedPolicy } from '../engine/sla/types';
import type { SlaPolicy } from '../schema/sla';
import type { GateOpening } from '../store/apply-engine-action.store';
import type { Queryable } from '../store/db-schema';
import { insertEscalationStep } from '../store/escalation-steps.store';
import type { GateRecord } from '../domain/records';
import type { GateKind } from '../domain/statuses';
import { blockOf } from './read-models';

type OpenGate = Extract<EngineAction, { type: 'open-gate' }>;

/** How soon an escalated clarification reaches its deadline (the ladder's escalate step fires at the next sweep). */
export const ESCALATE_AT_ONCE_MS = 1_000;

/**
 * The SLA policy of one block's gate: config defaults, then the template's, then the block's own,
 * paced for the gate's priority (critical gates escalate faster). A clarification with
 * `clarification.timeout` gets that deadline, and at it the question escalates along the ladder
 * (never an automatic answer).
 */
export function gatePolicy(run: RunRecord, gate: { blockId: string; kind?: GateKind }, defaults?: SlaPolicy, priority: GatePriority = 'medium'): ResolvedPolicy {
  const block = blockOf(run, gate.blockId);
  const timeout = gate.kind === 'clarification' ? block?.clarification?.timeout : undefined;
  const resolved = resolvePolicy([defaults, run.template.sla, block?.review?.sla, timeout === undefined ? undefined : { deadline: timeout, on_deadline: 'escalate' }]);
  if (resolved.ok) return paceForPriority(resolved.value, priority);
  // Templates are validated before a run starts and config at boot; fall back to the defaults
  // rather than leave a gate without any SLA.
  const fallback = resolvePolicy([]);
  if (!fallback.ok) throw new Error('the default SLA policy is invalid');
  return fallback.value;
}

/**
 * The ladder's first step when a gate opens. The card posted at opening is the "notify" step, so
 * its keys are recorded as sent and escalation starts from the next step.
 */
function firstSteps(policy: ResolvedPolicy, openedAt: Date, deadlineAt: Date) {
  const gate = { id: 'new', openedAt, deadlineAt, status: 'pending' as const };
  const first = planEscalation({ gate, policy, fired: new Set(), now: openedAt });
  const notified = first.due?.action === 'notify' ? first.keysToRecord : [];
  const next = notified.length ? planEscalation({ gate, policy, fired: new Set(notified), now: openedAt }) : first;
  return { notified, level: first.due?.action === 'notify' ? first.due.level : 0, nextAt: next.due ? openedAt : next.nextAt };
}

const URGENCY: Record<GatePriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * A gate's priority: the more urgent of its block's own and the run's (set at start, or the
 * template's default). A run started critical makes every gate critical; a block marked high (a
 * production deploy) stays high in a low-priority run.
 */
export function gatePriority(run: Pick<RunRecord, 'priority' | 'template'>, blockId: string): GatePriority {
  const own = run.template.blocks.find((b) => b.id === blockId)?.review?.priority;
  const ofRun = run.priority ?? 'medium';
  return own && URGENCY[own] < URGENCY[ofRun] ? own : ofRun;
}

/** Priority, deadline and first escalation time of a gate about to open (guided and auto gates have none). */
export function gateOpening(run: RunRecord, action: OpenGate, now: Date, defaults?: SlaPolicy): GateOpening {
  const block = blockOf(run, action.blockId);
  const priority = gatePriority(run, action.blockId);
  const target = action.kind === 'clarification' ? (block?.clarification?.target ?? null) : null;
  if (action.mode !== 'gate') return { priority, deadlineAt: null, nextEscalationAt: null, target };
  const policy = gatePolicy(run, action, defaults, priority);
  // A clarification past its hop limit goes straight up the ladder: its deadline is (almost) now.
  const deadlineAt = new Date(now.getTime() + (action.escalate ? ESCALATE_AT_ONCE_MS : policy.deadlineMs));
  return { priority, deadlineAt, nextEscalationAt: action.escalate ? now : firstSteps(policy, now, deadlineAt).nextAt, target };
}

/** Records the opening card as the ladder's sent "notify" step (keys are `${gateId}:${stepKey}`). */
export async function recordOpeningNotice(db: Queryable, run: RunRecord, gate: GateRecord, now: Date, defaults?: SlaPolicy): Promise<void> {
  if (gate.mode !== 'gate' || !gate.deadlineAt) return;
  const steps = firstSteps(gatePolicy(run, gate, defaults, gate.priority), gate.openedAt, gate.deadlineAt);
  for (const key of steps.notified) {
    await insertEscalationStep(db, { gateId: gate.id, stepKey: `${gate.id}:${key}`, level: steps.level, action: 'notify', dueAt: now, now });
  }
}
