import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import type { DecisionSource, GateView } from '../domain/views';
import { buildReminderCard } from '../cards';
import { escalationLevelName } from '../engine/sla';
import { gatePolicy } from '../runner/open-gate';
import { gateView, refreshGateCard } from '../runner/gate-operations';
import { assigneeFor, requireOpenGate } from '../runner/reassign-gate';
import type { ServiceContext } from '../runner/service-context';
import { principalOfPerson } from '../schema/person-ref';
import { appendAudit } from '../store/audit.store';
import { insertEscalationStep } from '../store/escalation-steps.store';
import { assignGate, setGateEscalation } from '../store/gate-tasks.store';
import { getGate } from '../store/gates.store';
import { getRunForUpdate } from '../store/runs.store';
import { transaction } from '../store/transaction';
import { reminderSubject, stepKeyPrefix, type Destination } from './escalation-deps';
import { dmPersonally } from './personal-delivery';
import { postToNamedChannel } from './post-to-channel';

export interface EscalateGateInput {
  gateId: string;
  actor: Actor;
  /** Why it cannot wait for the ladder: shown in the escalation and kept in the audit log. */
  reason: string;
  /** Escalate to this person (they become the assignee) instead of the admins. */
  to?: Actor | null;
  via?: DecisionSource;
}

/**
 * Escalates a pending gate by hand: the ladder jumps to its escalate step now (every earlier step
 * counts as sent, so the sweep does not send them afterwards) and the escalation goes out with the
 * reason: to the named person by DM (they become the assignee) and to the alerts channel, or, with
 * nobody named, to the alerts channel mentioning the admins. Audited as `gate.escalated` with
 * `manual: true`.
 */
export async function escalateGate(ctx: ServiceContext, input: EscalateGateInput, now: Date): Promise<GateView> {
  const reason = input.reason.trim();
  if (reason.length < 3) throw new UserError('invalid_arguments', 'Say why it cannot wait: the reason goes with the escalation and to the audit log.');
  const { gate, run } = await requireOpenGate(ctx, input.gateId, input.actor, 'escalate');
  const policy = gatePolicy(run, gate, ctx.escalationDefaults, gate.priority);
  const step = policy.steps.find((s) => s.action === 'escalate') ?? null;
  const level = Math.max(gate.escalationLevel, step?.index ?? policy.steps.length - 1, 0);
  const to = input.to ? await assigneeFor(ctx.database.db, input.to, now) : null;

  return transaction(ctx.database, async (trx) => {
    await getRunForUpdate(trx, run.id);
    const current = to ? await assignGate(trx, { gateId: gate.id, assignee: to.to, now }) : await getGate(trx, gate.id);
    if (!current || current.status !== 'pending') throw new UserError('gate_not_pending', `Gate #${gate.id} was decided meanwhile; there is nothing to escalate.`);
    for (const skipped of policy.steps.filter((s) => s.index <= level)) {
      await insertEscalationStep(trx, { gateId: gate.id, stepKey: `${gate.id}:${skipped.index}:0`, level: skipped.index, action: skipped.action, dueAt: now, now });
    }
    const view = { ...(await gateView(ctx, trx, run, current)), escalationLevel: level, escalationStep: 'escalate' as const };
    const reminder = buildReminderCard(view, { action: 'escalate', level }, { now, publicBaseUrl: ctx.publicBaseUrl });
    const card = { ...reminder, description: `Escalated by ${input.actor.name}${to ? ` to ${to.to.name}` : ''}: ${reason}\n${reminder.description ?? ''}`.trim() };
    const key = stepKeyPrefix(gate.id, `manual:${now.getTime()}`);
    const destinations: Destination[] = [];
    if (to && ctx.notifier.platforms.includes(to.to.platform)) {
      destinations.push(await dmPersonally(ctx, trx, { gateId: gate.id, person: to.to, key, subject: reminderSubject(gate.id), card, urgent: true }, now));
    }
    const principals = to ? [principalOfPerson(to.to)] : (ctx.config.roles?.admin ?? []);
    destinations.push(...(await postToNamedChannel({ ctx }, trx, run, step?.channel ?? 'alerts', { key, subject: reminderSubject(gate.id), card, stepMentions: step?.mentions ?? [], principals }, now)));
    await setGateEscalation(trx, { gateId: gate.id, level, nextEscalationAt: now });
    await appendAudit(trx, {
      at: now,
      actor: input.actor,
      action: 'gate.escalated',
      entityType: 'gate',
      entityId: gate.id,
      runId: run.id,
      gateId: gate.id,
      changes: { from: gate.escalationLevel, to: level },
      metadata: {
        manual: true,
        reason,
        to: to ? principalOfPerson(to.to) : null,
        delegatedFrom: to?.delegatedFrom ? principalOfPerson(to.delegatedFrom) : null,
        level,
        name: escalationLevelName('escalate'),
        destinations,
        via: input.via ?? 'command',
        platform: input.actor.platform,
      },
    });
    const updated = { ...current, escalationLevel: level };
    await refreshGateCard(ctx, trx, run, updated, now, `escalated:${now.getTime()}`);
    return view;
  });
}
