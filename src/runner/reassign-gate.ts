import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import type { GateRecord, RunRecord } from '../domain/records';
import type { DecisionSource, GateView } from '../domain/views';
import { buildGateCard } from '../cards';
import { dmPersonally } from '../escalation/personal-delivery';
import { authorize } from '../permissions/authorize';
import { principalOfPerson } from '../schema/person-ref';
import { appendAudit } from '../store/audit.store';
import type { Queryable } from '../store/db-schema';
import { assignGate, setGateEscalation } from '../store/gate-tasks.store';
import { listAway } from '../store/people-away.store';
import { getRunForUpdate } from '../store/runs.store';
import { transaction } from '../store/transaction';
import { gateView, refreshGateCard, requireGate } from './gate-operations';
import type { ServiceContext } from './service-context';

export interface ReassignGateInput {
  gateId: string;
  /** The person the gate goes to (see parsePersonRef for how commands and the API name one). */
  assignee: Actor;
  actor: Actor;
  reason?: string | null;
  via?: DecisionSource;
}

/** The gate and run of a handover, checked: pending, on a running run, and the actor may hand gates over. */
export async function requireOpenGate(ctx: ServiceContext, gateId: string, actor: Actor, what: string): Promise<{ gate: GateRecord; run: RunRecord }> {
  const { gate, run } = await requireGate(ctx.database.db, gateId);
  authorize(actor, 'gate.claim', ctx.config);
  if (gate.status !== 'pending') throw new UserError('gate_not_pending', `Gate #${gateId} was already decided; there is nothing to ${what}.`);
  if (run.status !== 'running') throw new UserError('run_not_active', `Run #${run.id} (${run.name}) is ${run.status}; its gates can no longer be ${what === 'escalate' ? 'escalated' : 'reassigned'}.`);
  return { gate, run };
}

/** The person, or their delegate while they are away. */
export async function assigneeFor(db: Queryable, person: Actor, now: Date): Promise<{ to: Actor; delegatedFrom: Actor | null }> {
  const [away] = await listAway(db, now, [principalOfPerson(person)]);
  return away ? { to: away.delegate, delegatedFrom: person } : { to: person, delegatedFrom: null };
}

/**
 * Hands a pending gate to someone: recorded as its assignee (any claim is released), audited, the
 * card shows who has it, and the new assignee gets the card by DM (held for their quiet hours).
 * From then on reminders and DMs go to them. Someone away gets it through their delegate.
 */
export async function reassignGate(ctx: ServiceContext, input: ReassignGateInput, now: Date): Promise<GateView> {
  const { gate, run } = await requireOpenGate(ctx, input.gateId, input.actor, 'reassign');
  const { to, delegatedFrom } = await assigneeFor(ctx.database.db, input.assignee, now);
  return transaction(ctx.database, async (trx) => {
    await getRunForUpdate(trx, run.id);
    const updated = await assignGate(trx, { gateId: gate.id, assignee: to, now });
    if (!updated) throw new UserError('gate_not_pending', `Gate #${gate.id} was decided meanwhile; there is nothing to reassign.`);
    const before = gate.assignee ?? gate.claimant;
    await appendAudit(trx, {
      at: now,
      actor: input.actor,
      action: 'gate.reassigned',
      entityType: 'gate',
      entityId: gate.id,
      runId: run.id,
      gateId: gate.id,
      changes: { from: before ? before.name : null, to: to.name },
      metadata: {
        assignee: principalOfPerson(to),
        delegatedFrom: delegatedFrom ? principalOfPerson(delegatedFrom) : null,
        reason: input.reason?.trim() || null,
        via: input.via ?? 'command',
        platform: input.actor.platform,
      },
    });
    // The sweep plans the ladder again with the new assignee on its next pass.
    await setGateEscalation(trx, { gateId: gate.id, level: updated.escalationLevel, nextEscalationAt: now });
    const view = await refreshGateCard(ctx, trx, run, updated, now, `assigned:${now.getTime()}`);
    if (ctx.notifier.platforms.includes(to.platform)) {
      const card = buildGateCard(view, { now, publicBaseUrl: ctx.publicBaseUrl });
      const note = `${input.actor.name} assigned this gate to you${delegatedFrom ? ` (for ${delegatedFrom.name}, who is away)` : ''}.`;
      await dmPersonally(ctx, trx, { gateId: gate.id, person: to, key: `gate:${gate.id}:assigned:${now.getTime()}`, subject: `gate:${gate.id}`, card: { ...card, description: `${note}\n${card.description ?? ''}`.trim() }, urgent: false }, now);
    }
    return gateView(ctx, trx, run, updated);
  });
}
