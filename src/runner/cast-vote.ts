import type { Transaction } from 'kysely';
import type { GateRecord, RunRecord } from '../domain/records';
import type { Role } from '../domain/statuses';
import { UserError } from '../domain/errors';
import { approvalWouldCount, isSingleApproval, tallyQuorum, type QuorumRule, type QuorumTally } from '../engine/quorum';
import { appendAudit } from '../store/audit.store';
import type { DB } from '../store/db-schema';
import { decideGate as decideGateRow } from '../store/gate-decisions.store';
import { setGateConditions } from '../store/gate-tasks.store';
import { insertGateVote, listGateVotes, voterKey } from '../store/gate-votes.store';
import { getGate } from '../store/gates.store';
import type { DecideGateInput } from './factory-service';
import { advanceRun } from './advance-run';
import { toQuorumApproval } from './gate-extras';
import { refreshGateCard } from './gate-operations';
import type { ServiceContext } from './service-context';

export interface VoteRequest {
  run: RunRecord;
  gateId: string;
  rule: QuorumRule;
  input: DecideGateInput;
  roles: Role[];
  reason: string | null;
  conditions: string[];
}

export type VoteOutcome =
  | { outcome: 'decided' | 'voted' | 'already-decided' | 'already-voted'; gate: GateRecord };

/**
 * One vote, in the caller's transaction, after it locked the run row. The lock is what makes
 * quorums safe: votes on one gate are counted one at a time, each seeing every vote committed
 * before it, so two last approvals cannot both be "the one that was missing" and a rejection racing
 * the last approval finds the gate either still pending (and rejects it) or already approved.
 * A gate one approval decides takes the same path: its vote decides at once.
 */
export async function castVote(ctx: ServiceContext, trx: Transaction<DB>, request: VoteRequest, now: Date): Promise<VoteOutcome> {
  const { run, rule, input, reason, conditions, roles } = request;
  const current = await getGate(trx, request.gateId);
  if (!current) throw new UserError('unknown_gate', `There is no gate #${request.gateId}.`);
  if (current.status !== 'pending') return { outcome: 'already-decided', gate: current };
  const via = input.via ?? 'command';

  let tally: QuorumTally | null = null;
  if (!isSingleApproval(rule)) {
    const votes = await listGateVotes(trx, current.id);
    if (votes.some((v) => v.voter === voterKey(input.actor))) return { outcome: 'already-voted', gate: current };
    const approvals = votes.filter((v) => v.vote === 'approve').map((v) => toQuorumApproval(ctx, rule, v));
    if (input.decision === 'approve') {
      const mine = toQuorumApproval(ctx, rule, { voter: voterKey(input.actor), actor: input.actor });
      if (!approvalWouldCount(rule, approvals, mine)) {
        const short = tallyQuorum(rule, approvals).missing.map((m) => `${m.need} from ${m.group}`).join(' and ');
        throw new UserError('forbidden', `Gate #${current.id} still needs approvals from ${short}; you are not in ${short.includes(' and ') ? 'those groups' : 'that group'}, so your approval would not count.`);
      }
      tally = tallyQuorum(rule, [...approvals, mine]);
    }
  }

  const { vote } = await insertGateVote(trx, { gateId: current.id, actor: input.actor, vote: input.decision, note: reason, conditions, via, now });
  const metadata = { reason, via, platform: input.actor.platform, roles, block: current.blockId, ...(input.bulkId ? { bulk: input.bulkId } : {}) };
  if (input.decision === 'approve' && tally && !tally.met) {
    await appendAudit(trx, {
      at: now,
      actor: input.actor,
      action: 'gate.voted',
      entityType: 'gate',
      entityId: current.id,
      runId: run.id,
      gateId: current.id,
      changes: { from: tally.counted - 1, to: tally.counted },
      metadata: { ...metadata, vote: 'approve', required: tally.required, missing: tally.missing, conditions },
    });
    await refreshGateCard(ctx, trx, run, current, now, `vote:${vote.id}`);
    return { outcome: 'voted', gate: current };
  }

  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const decided = await decideGateRow(trx, { gateId: current.id, status, actor: input.actor, via, reason, now });
  if (decided.outcome === 'not-found') throw new UserError('unknown_gate', `There is no gate #${current.id}.`);
  if (decided.outcome === 'already-decided') return { outcome: 'already-decided', gate: decided.gate };
  let gate = decided.gate;
  const allConditions = status === 'approved' ? await approvalConditions(trx, current.id) : [];
  if (allConditions.length > 0) {
    await setGateConditions(trx, current.id, allConditions);
    gate = { ...gate, conditions: allConditions };
  }
  await appendAudit(trx, {
    at: now,
    actor: input.actor,
    action: `gate.${status}`,
    entityType: 'gate',
    entityId: current.id,
    runId: run.id,
    gateId: current.id,
    changes: { from: 'pending', to: status },
    metadata: { ...metadata, ...(allConditions.length ? { conditions: allConditions } : {}), ...(tally ? { approvals: tally.approvals, required: tally.required } : {}) },
  });
  await refreshGateCard(ctx, trx, run, gate, now, 'decided');
  await advanceRun(trx, run.id, now, ctx, { changed: [gate.blockId] });
  return { outcome: 'decided', gate };
}

/** Every approving vote's conditions, in order, without repeats: the approval carries them all. */
async function approvalConditions(trx: Transaction<DB>, gateId: string): Promise<string[]> {
  const votes = await listGateVotes(trx, gateId);
  return [...new Set(votes.filter((v) => v.vote === 'approve').flatMap((v) => v.conditions))];
}
