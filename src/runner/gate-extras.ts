import type { GateRecord, RunRecord } from '../domain/records';
import type { QuorumView } from '../domain/views';
import { isSingleApproval, quorumRule, tallyQuorum, type QuorumApproval, type QuorumRule } from '../engine/quorum';
import { groupsOf } from '../permissions/group-membership';
import type { Queryable } from '../store/db-schema';
import { listGateVotes, type GateVote } from '../store/gate-votes.store';
import { blockOf } from './read-models';
import type { ServiceContext } from './service-context';

/** The quorum rule of a gate's block (approval gates only: a question or a task is one person's). */
export function ruleOf(run: RunRecord, gate: Pick<GateRecord, 'blockId' | 'kind'>): QuorumRule {
  return gate.kind === 'approval' ? quorumRule(blockOf(run, gate.blockId)?.review) : quorumRule(undefined);
}

/** One approving vote as the quorum counts it: the person and the groups of the rule they are in. */
export function toQuorumApproval(ctx: Pick<ServiceContext, 'config'>, rule: QuorumRule, vote: Pick<GateVote, 'voter' | 'actor'>): QuorumApproval {
  return { voter: vote.voter, name: vote.actor.name, groups: groupsOf(vote.actor, Object.keys(rule.groups), ctx.config) };
}

/** Quorum progress for the card, or null for a gate one approval decides. */
export async function loadQuorumView(ctx: Pick<ServiceContext, 'config'>, db: Queryable, run: RunRecord, gate: GateRecord): Promise<QuorumView | null> {
  const rule = ruleOf(run, gate);
  if (isSingleApproval(rule)) return null;
  const approving = (await listGateVotes(db, gate.id)).filter((v) => v.vote === 'approve');
  const tally = tallyQuorum(rule, approving.map((v) => toQuorumApproval(ctx, rule, v)));
  return {
    required: rule.required,
    approvals: approving.map((v) => ({ name: v.actor.name, platform: v.actor.platform, group: tally.slotOf[v.voter] ?? null })),
    missing: tally.missing,
  };
}
