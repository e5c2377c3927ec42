import type { Transaction } from 'kysely';
import { buildGateCard } from '../cards';
import { SYSTEM_ACTOR } from '../domain/actor';
import type { GateRecord, RunRecord } from '../domain/records';
import { DEADLINE_ACTION_KEY, escalationLevelName, planEscalation, type SlaGate } from '../engine/sla';
import { gateView } from '../runner/gate-operations';
import { gatePolicy } from '../runner/open-gate';
import { appendAudit } from '../store/audit.store';
import type { DB } from '../store/db-schema';
import { lockRunIfFree } from '../store/escalation-sweep.store';
import { setGateEscalation } from '../store/gate-tasks.store';
import { decideAtDeadline } from './decide-at-deadline';
import type { EscalationDeps } from './escalation-deps';
import { lapseClaim } from './lapse-claim';
import { recordFiredSteps } from './record-fired-steps';
import { sendLadderStep, type SendableStep } from './send-ladder-step';

export type GateSweepOutcome =
  | { type: 'sent'; action: string }
  | { type: 'decided'; action: 'reject' | 'approve' }
  | { type: 'quiet' }
  /** The run ended while the gate waited: nobody can decide it any more, so its ladder stops. */
  | { type: 'run-ended' }
  /** The run is locked by a decision or the runner right now: tried again on the next pass. */
  | { type: 'run-busy' };

/** How soon a gate whose run was busy is looked at again: the next pass, not this one. */
const BUSY_RETRY_MS = 1;

export function toSlaGate(gate: GateRecord): SlaGate {
  return { id: gate.id, openedAt: gate.openedAt, deadlineAt: gate.deadlineAt, claimedBy: gate.claimedBy, claimedAt: gate.claimedAt, snoozedUntil: gate.snoozedUntil, status: gate.status };
}

/**
 * One due gate, in the sweep's transaction (the gate row is locked): plan the ladder at `now`,
 * give back a lapsed claim, record every key the plan consumed, send the one message due (missed
 * steps are folded into it), apply the deadline action, and store the level reached and when to
 * look again. Only keys this caller inserted are acted on.
 */
export async function escalateGate(deps: EscalationDeps, trx: Transaction<DB>, gate: GateRecord, run: RunRecord, fired: ReadonlySet<string>, now: Date): Promise<GateSweepOutcome> {
  if (run.status !== 'running') {
    await setGateEscalation(trx, { gateId: gate.id, level: gate.escalationLevel, nextEscalationAt: null });
    return { type: 'run-ended' };
  }
  const policy = gatePolicy(run, gate, deps.ctx.escalationDefaults, gate.priority);
  const plan = planEscalation({ gate: toSlaGate(gate), policy, fired, now });
  const deadline = plan.deadlineAction;
  const decides = deadline === 'reject' || deadline === 'approve';
  // Deciding advances the run, which needs its lock; waiting for it while holding this gate's lock
  // could deadlock with a person deciding (run first, then gate), so a busy run waits a pass.
  if (decides && !(await lockRunIfFree(trx, run.id))) {
    await setGateEscalation(trx, { gateId: gate.id, level: gate.escalationLevel, nextEscalationAt: new Date(now.getTime() + BUSY_RETRY_MS) });
    return { type: 'run-busy' };
  }

  const current = plan.claimLapsed ? await lapseClaim(trx, run, gate, policy, now) : gate;
  const recorded = await recordFiredSteps(trx, current, policy, plan, now);
  if (decides && recorded.has(DEADLINE_ACTION_KEY)) {
    // The message that would have asked for a decision is folded into the decision's own notice.
    const folded = plan.keysToRecord.filter((k) => k !== DEADLINE_ACTION_KEY);
    const went = await decideAtDeadline(deps, trx, run, current, deadline, folded, now);
    // Null: decided meanwhile (the row lock makes that a theoretical case); nothing is left to send.
    return went ? { type: 'decided', action: deadline } : { type: 'quiet' };
  }

  const breached = deadline === 'escalate' && recorded.has(DEADLINE_ACTION_KEY);
  let step: SendableStep | null = plan.due && recorded.has(plan.due.key) ? plan.due : null;
  // A custom ladder may have no step at the deadline; the breach still reaches the admins, once.
  if (breached && !plan.due) step = { key: DEADLINE_ACTION_KEY, level: current.escalationLevel, action: 'escalate', channel: 'alerts', mentions: [] };

  const level = step ? Math.max(current.escalationLevel, step.level) : current.escalationLevel;
  const view = step || plan.claimLapsed ? await gateView(deps.ctx, trx, run, current) : null;
  if (step && view) {
    const destinations = await sendLadderStep(deps, trx, run, current, view, step, now);
    if (destinations.length === 0) deps.log.warn({ gateId: gate.id, step: step.key }, 'a ladder step had nowhere to go: configure the channel it names, or start runs from a channel');
    await appendAudit(trx, {
      at: now,
      actor: SYSTEM_ACTOR,
      action: 'gate.escalated',
      entityType: 'gate',
      entityId: gate.id,
      runId: run.id,
      gateId: gate.id,
      changes: { from: current.escalationLevel, to: level },
      metadata: { level: step.level, action: step.action, name: escalationLevelName(step.action), step: step.key, collapsed: plan.due?.collapsed ?? [], destinations },
    });
    deps.metrics?.escalationSteps.inc({ action: step.action });
  }
  if (breached) {
    await appendAudit(trx, { at: now, actor: SYSTEM_ACTOR, action: 'gate.sla_breached', entityType: 'gate', entityId: gate.id, runId: run.id, gateId: gate.id, metadata: { onDeadline: 'escalate', deadlineAt: current.deadlineAt?.toISOString() ?? null } });
  }
  await setGateEscalation(trx, { gateId: gate.id, level, nextEscalationAt: plan.nextAt });
  if (view) {
    const shown = { ...view, escalationLevel: level, escalationStep: step?.action ?? policy.steps[level]?.action ?? null };
    const card = buildGateCard(shown, { now, publicBaseUrl: deps.ctx.publicBaseUrl });
    await deps.ctx.notifier.updateSubject(trx, `gate:${gate.id}`, card, `escalation:${now.getTime()}`, now);
  }
  return step ? { type: 'sent', action: step.action } : { type: 'quiet' };
}
