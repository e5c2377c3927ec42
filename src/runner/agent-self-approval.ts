import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import type { GateRecord, RunRecord } from '../domain/records';
import { appendAudit } from '../store/audit.store';
import { listGatesForRun } from '../store/gates.store';
import { transaction } from '../store/transaction';
import type { ServiceContext } from './service-context';

const same = (a: { platform: string; id: string } | null | undefined, b: Actor): boolean => !!a && a.platform === b.platform && a.id === b.id;

/**
 * Why an agent may not approve this gate, or null. An agent proposes; a person (or another agent)
 * approves. Refused: a gate on a run the agent started, or a gate on a block whose work it
 * produced (it completed the block's task gate). Rejecting stays allowed: asking for rework is safe.
 */
async function selfApprovalReason(ctx: ServiceContext, actor: Actor, run: RunRecord, gate: GateRecord): Promise<string | null> {
  if (same(run.creator, actor)) return 'started-run';
  const gates = await listGatesForRun(ctx.database.db, run.id);
  const produced = gates.some((g) => g.blockId === gate.blockId && g.kind === 'task' && g.status === 'approved' && same(g.decidedBy, actor));
  return produced ? 'produced-work' : null;
}

/**
 * Refuses an agent's approval of its own run or its own work, with an audit row that records the
 * refusal (in its own transaction: the refusal is a fact even though nothing else changes).
 */
export async function refuseAgentSelfApproval(ctx: ServiceContext, actor: Actor, run: RunRecord, gate: GateRecord, now: Date): Promise<void> {
  if (actor.type !== 'agent') return;
  const reason = await selfApprovalReason(ctx, actor, run, gate);
  if (!reason) return;
  await transaction(ctx.database, (trx) =>
    appendAudit(trx, {
      at: now,
      actor,
      action: 'gate.approval_refused',
      entityType: 'gate',
      entityId: gate.id,
      runId: run.id,
      gateId: gate.id,
      metadata: { rule: 'agent-self-approval', reason, platform: actor.platform, block: gate.blockId },
    }),
  );
  const what = reason === 'started-run' ? `run #${run.id}, which it started` : `block ${gate.blockId}, whose work it produced`;
  throw new UserError('forbidden', `An agent may not approve its own work: gate #${gate.id} is on ${what}. It may reject it, or a person approves it.`, { rule: 'agent-self-approval', reason });
}
