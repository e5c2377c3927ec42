import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import type { GateRecord, RunRecord } from '../domain/records';
import type { GateView } from '../domain/views';
import { buildGateCard, describeDecision } from '../cards';
import { authorize } from '../permissions/authorize';
import { getLatestArtifacts } from '../store/artifacts.store';
import { appendAudit } from '../store/audit.store';
import { listBlockRuns } from '../store/blocks.store';
import type { Queryable } from '../store/db-schema';
import { claimGate as claimGateRow, setGateEscalation, snoozeGate as snoozeGateRow } from '../store/gate-tasks.store';
import { getGate } from '../store/gates.store';
import { getRun, getRunForUpdate } from '../store/runs.store';
import { transaction } from '../store/transaction';
import type { DecideGateInput, DecideGateResult } from './factory-service';
import { listSubjectsWithPrefix } from '../store/outbox.store';
import { listDelegatedTo } from '../store/people-away.store';
import { heldDmSubjectPrefix } from '../escalation/personal-delivery';
import { castVote } from './cast-vote';
import { loadQuorumView, ruleOf } from './gate-extras';
import { refuseAgentSelfApproval } from './agent-self-approval';
import { blockOf, toGateView } from './read-models';
import type { ServiceContext } from './service-context';
import { routeClarification } from './clarification-target';

/** The gate and its run, or a UserError that says what there is instead. */
export async function requireGate(db: Queryable, gateId: string): Promise<{ gate: GateRecord; run: RunRecord }> {
  const gate = await getGate(db, gateId);
  const run = gate && (await getRun(db, gate.runId));
  if (!gate || !run) throw new UserError('unknown_gate', `There is no gate #${gateId}. \`/factory pending\` lists the gates waiting on you.`);
  return { gate, run };
}

export async function gateView(ctx: ServiceContext, db: Queryable, run: RunRecord, gate: GateRecord): Promise<GateView> {
  const blocks = await listBlockRuns(db, run.id);
  const artifacts = await getLatestArtifacts(db, run.id, { blockIds: [gate.blockId] });
  return {
    ...toGateView(run, gate, blocks, artifacts, ctx.publicBaseUrl),
    quorum: await loadQuorumView(ctx, db, run, gate),
    conditions: gate.conditions,
    assignee: gate.assignee ? { id: gate.assignee.id, name: gate.assignee.name } : null,
  };
}

/**
 * Re-renders every copy of a gate's card (after a decision, a claim, a cancellation). Once the gate
 * is decided, its reminder cards turn into the decided card too, so no stale Approve button remains.
 */
export async function refreshGateCard(ctx: ServiceContext, db: Queryable, run: RunRecord, gate: GateRecord, now: Date, version: string): Promise<GateView> {
  const view = await gateView(ctx, db, run, gate);
  const card = buildGateCard(view, { now, publicBaseUrl: ctx.publicBaseUrl });
  await ctx.notifier.updateSubject(db, `gate:${gate.id}`, card, version, now);
  if (gate.status !== 'pending') {
    await ctx.notifier.updateSubject(db, `gate:${gate.id}:reminder`, card, version, now);
    // Reminders held for someone's quiet hours become the decided card as soon as they are delivered.
    for (const subject of await listSubjectsWithPrefix(db, heldDmSubjectPrefix(gate.id))) await ctx.notifier.updateSubject(db, subject, card, version, now);
  }
  return view;
}

/**
 * Decides a gate, or records one vote on a gate that needs several. The permission checks come
 * first (role, named approvers or their delegate, no self-approval: per vote); the vote itself is
 * counted under the run's row lock (see castVote) and the decision is one conditional UPDATE, so of
 * any number of concurrent callers one decides and the others are told who did, and when.
 */
export async function decideGate(ctx: ServiceContext, input: DecideGateInput, now: Date): Promise<DecideGateResult> {
  const { gate, run } = await requireGate(ctx.database.db, input.gateId);
  // Cancelling a run cancels its pending gates; "already decided" would hide that the run is over.
  // A completed run keeps "already decided": a late second click on its last gate is told who decided.
  if (gate.status !== 'pending' && run.status !== 'cancelled') return { outcome: 'already-decided', gate: await gateView(ctx, ctx.database.db, run, gate) };
  if (run.status !== 'running') {
    throw new UserError('run_not_active', `Run #${run.id} (${run.name}) is ${run.status}; its gates can no longer be decided.`);
  }
  const block = blockOf(run, gate.blockId);
  const approvers = gate.kind === 'clarification' && gate.target ? routeClarification(gate.target, ctx.teams).approvers : block?.review?.approvers;
  const onBehalfOf = await listDelegatedTo(ctx.database.db, input.actor, now);
  const roles = authorize(input.actor, 'gate.decide', ctx.config, { approvers, runStartedBy: run.creator, onBehalfOf });
  if (input.decision === 'approve') await refuseAgentSelfApproval(ctx, input.actor, run, gate, now);
  const reason = input.reason?.trim() || null;
  if (input.decision === 'reject' && !reason) {
    throw new UserError('invalid_arguments', 'Say why you reject it: the reason goes to the audit log and to the block’s rework.');
  }
  if (block?.review?.confirm && !input.confirmed) {
    throw new UserError('confirmation_required', `Gate #${gate.id} asks for a confirmation: use its card’s Approve button, or type the command again.`);
  }
  const conditions = checkConditions(input, gate);
  const rule = ruleOf(run, gate);
  const result = await transaction(ctx.database, async (trx) => {
    // Lock order: the run row first, then the gate (the same order advanceRun takes).
    await getRunForUpdate(trx, run.id);
    return castVote(ctx, trx, { run, gateId: gate.id, rule, input, roles, reason, conditions }, now);
  });
  if (result.outcome === 'decided') ctx.metrics?.gateDecisions.inc({ decision: input.decision, platform: input.actor.platform });
  return { outcome: result.outcome, gate: await gateView(ctx, ctx.database.db, run, result.gate) };
}

/** Conditions go with an approval of an approval gate: at most 10, each a short sentence. */
function checkConditions(input: DecideGateInput, gate: GateRecord): string[] {
  const conditions = (input.conditions ?? []).map((c) => c.trim()).filter(Boolean);
  if (conditions.length === 0) return [];
  if (input.decision !== 'approve' || gate.kind !== 'approval') {
    throw new UserError('invalid_arguments', 'Conditions go with an approval: `/factory approve <gate> [note] if: <condition>; <condition>`.');
  }
  if (conditions.length > MAX_CONDITIONS) throw new UserError('invalid_arguments', `At most ${MAX_CONDITIONS} conditions per approval.`);
  const long = conditions.find((c) => c.length > MAX_CONDITION_LENGTH);
  if (long) throw new UserError('invalid_arguments', `A condition is at most ${MAX_CONDITION_LENGTH} characters: "${long.slice(0, 40)}…".`);
  return conditions;
}

export const MAX_CONDITIONS = 10;
export const MAX_CONDITION_LENGTH = 300;

/** "I'm on it": quiets the reminders aimed at everyone; the gate stays pending. */
export async function claimGate(ctx: ServiceContext, gateId: string, actor: Actor, now: Date): Promise<GateView> {
  const { run } = await requireGate(ctx.database.db, gateId);
  authorize(actor, 'gate.claim', ctx.config);
  return transaction(ctx.database, async (trx) => {
    const result = await claimGateRow(trx, { gateId, actor, now });
    if (result.outcome === 'not-found') throw new UserError('unknown_gate', `There is no gate #${gateId}.`);
    if (result.outcome === 'not-pending') {
      throw new UserError('gate_not_pending', `Gate #${gateId} was already decided: ${describeDecision(await gateView(ctx, trx, run, result.gate), now)}.`);
    }
    if (result.outcome === 'claimed-by-other') {
      throw new UserError('gate_not_pending', `Gate #${gateId} is already claimed by ${result.gate.claimant?.name ?? 'someone else'}.`);
    }
    await appendAudit(trx, { at: now, actor, action: 'gate.claimed', entityType: 'gate', entityId: gateId, runId: run.id, gateId });
    // The sweep re-plans the ladder with the claim on its next pass.
    await setGateEscalation(trx, { gateId, level: result.gate.escalationLevel, nextEscalationAt: now });
    return refreshGateCard(ctx, trx, run, result.gate, now, `claimed:${now.getTime()}`);
  });
}

/** Delays the next reminder, never past the deadline. */
export async function snoozeGate(ctx: ServiceContext, gateId: string, actor: Actor, forMs: number, now: Date): Promise<GateView> {
  const { gate, run } = await requireGate(ctx.database.db, gateId);
  authorize(actor, 'gate.claim', ctx.config);
  if (gate.status !== 'pending') throw new UserError('gate_not_pending', `Gate #${gateId} was already decided; there is nothing to snooze.`);
  const wanted = now.getTime() + forMs;
  const until = new Date(gate.deadlineAt ? Math.min(wanted, gate.deadlineAt.getTime()) : wanted);
  return transaction(ctx.database, async (trx) => {
    const updated = await snoozeGateRow(trx, { gateId, until });
    if (!updated) throw new UserError('unknown_gate', `There is no gate #${gateId}.`);
    await appendAudit(trx, { at: now, actor, action: 'gate.snoozed', entityType: 'gate', entityId: gateId, runId: run.id, gateId, metadata: { until: until.toISOString() } });
    await setGateEscalation(trx, { gateId, level: updated.escalationLevel, nextEscalationAt: now });
    return gateView(ctx, trx, run, updated);
  });
}

/** A guided gate ran on; someone wants it reviewed after all. Reviewers are told where they look. */
export async function flagGate(ctx: ServiceContext, gateId: string, actor: Actor, now: Date): Promise<GateView> {
  const { gate, run } = await requireGate(ctx.database.db, gateId);
  authorize(actor, 'gate.claim', ctx.config);
  return transaction(ctx.database, async (trx) => {
    await appendAudit(trx, { at: now, actor, action: 'gate.flagged', entityType: 'gate', entityId: gateId, runId: run.id, gateId });
    const view = { ...(await gateView(ctx, trx, run, gate)), flaggedBy: { name: actor.name, platform: actor.platform } };
    const card = buildGateCard(view, { now, publicBaseUrl: ctx.publicBaseUrl });
    await ctx.notifier.updateSubject(trx, `gate:${gateId}`, card, `flagged:${now.getTime()}`, now);
    await ctx.notifier.toReviewChannels(trx, run, `gate:${gateId}:flagged:${now.getTime()}`, `gate:${gateId}`, card, now);
    return view;
  });
}
