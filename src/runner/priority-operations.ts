import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import type { GateView, Priority, RunView } from '../domain/views';
import { authorize } from '../permissions/authorize';
import { appendAudit } from '../store/audit.store';
import { setGatePriority as setGatePriorityRow } from '../store/gate-tasks.store';
import { gatePriority } from './open-gate';
import { listPendingGates } from '../store/gates.store';
import { getRunForUpdate, setRunPriority as setRunPriorityRow } from '../store/runs.store';
import { transaction } from '../store/transaction';
import { refreshGateCard, requireGate } from './gate-operations';
import { loadRunView, requireRun } from './load-run';
import type { ServiceContext } from './service-context';

/**
 * Changes a run's priority. Its pending gates follow (each the more urgent of its block's own and
 * the run's, see gatePriority), so pending, blockers and App Home re-sort; their cards show the new priority. The
 * deadlines already set stay: a ladder in progress is not rewritten.
 */
export async function setRunPriority(ctx: ServiceContext, input: { runId: string; priority: Priority; actor: Actor }, now: Date): Promise<RunView> {
  authorize(input.actor, 'run.create', ctx.config);
  const run = await requireRun(ctx.database.db, input.runId);
  if (run.status !== 'running') throw new UserError('run_not_active', `Run #${run.id} (${run.name}) is ${run.status}; its priority no longer matters.`);
  return transaction(ctx.database, async (trx) => {
    await getRunForUpdate(trx, run.id);
    const updated = await setRunPriorityRow(trx, run.id, input.priority, now);
    if (!updated) throw new UserError('unknown_run', `There is no run #${run.id}.`);

    await appendAudit(trx, {
      at: now,
      actor: input.actor,
      action: 'run.priority_changed',
      entityType: 'run',
      entityId: run.id,
      runId: run.id,
      changes: { from: run.priority, to: input.priority },
      metadata: { platform: input.actor.platform },
    });
    for (const gate of await listPendingGates(trx, { runId: run.id })) {
      const changed = await setGatePriorityRow(trx, gate.id, gatePriority(updated, gate.blockId));
      if (changed && changed.priority !== gate.priority) await refreshGateCard(ctx, trx, updated, changed, now, `priority:${now.getTime()}`);
    }
    return loadRunView(trx, updated, ctx.publicBaseUrl);
  });
}

/** Changes one pending gate's priority (its card and sort order follow). */
export async function setGatePriority(ctx: ServiceContext, input: { gateId: string; priority: Priority; actor: Actor }, now: Date): Promise<GateView> {
  authorize(input.actor, 'gate.claim', ctx.config);
  const { gate, run } = await requireGate(ctx.database.db, input.gateId);
  if (gate.status !== 'pending') throw new UserError('gate_not_pending', `Gate #${gate.id} was already decided; its priority no longer matters.`);
  return transaction(ctx.database, async (trx) => {
    await getRunForUpdate(trx, run.id);
    const updated = await setGatePriorityRow(trx, gate.id, input.priority);
    if (!updated) throw new UserError('gate_not_pending', `Gate #${gate.id} was decided meanwhile.`);
    await appendAudit(trx, {
      at: now,
      actor: input.actor,
      action: 'gate.priority_changed',
      entityType: 'gate',
      entityId: gate.id,
      runId: run.id,
      gateId: gate.id,
      changes: { from: gate.priority, to: input.priority },
      metadata: { platform: input.actor.platform },
    });
    return refreshGateCard(ctx, trx, run, updated, now, `priority:${now.getTime()}`);
  });
}
