import type { Actor } from '../domain/actor';
import { UserError, isUserError } from '../domain/errors';
import type { GateRecord } from '../domain/records';
import type { GateView } from '../domain/views';
import { authorize } from '../permissions/authorize';
import { getBulkApproval, insertBulkApproval, takeBulkApproval } from '../store/bulk-approvals.store';
import { getGate, listPendingGates } from '../store/gates.store';
import { listDelegatedTo } from '../store/people-away.store';
import { getRun } from '../store/runs.store';
import type { DecideGateResult } from './factory-service';
import { decideGate, gateView } from './gate-operations';
import { requireRun } from './load-run';
import { blockOf } from './read-models';
import type { ServiceContext } from './service-context';

/** Which gates a bulk approval covers: ids, or every pending gate of a run. */
export interface GateSelector {
  gateIds?: readonly string[];
  runId?: string;
}

export interface BulkApprovalPreview {
  /** The stored list the confirmation card's button confirms. */
  id: string;
  gates: GateView[];
  /** Gates named but left out, and why ("already decided", "you may not decide it"). */
  skipped: Array<{ gateId: string; why: string }>;
  note: string | null;
}

export type BulkOutcome = DecideGateResult['outcome'] | 'refused';

export interface BulkApprovalResult {
  results: Array<{ gateId: string; blockName: string | null; outcome: BulkOutcome; why?: string }>;
}

/** More than this in one confirmation is more than a person reads before clicking Confirm. */
export const MAX_BULK_GATES = 25;
/** A confirmation card older than this is refused: what it lists may have changed. */
export const BULK_CONFIRM_TTL_MS = 15 * 60_000;

/**
 * The first step of a bulk approval: finds the gates, keeps those this person may approve now,
 * and stores the list, so the confirmation card's button approves exactly what the card showed.
 * Nothing is decided yet (probot's rule: no bulk action without an explicit confirmation).
 */
export async function prepareBulkApproval(ctx: ServiceContext, input: { actor: Actor; selector: GateSelector; note?: string | null }, now: Date): Promise<BulkApprovalPreview> {
  authorize(input.actor, 'gate.decide', ctx.config);
  const db = ctx.database.db;
  const skipped: BulkApprovalPreview['skipped'] = [];
  let candidates: GateRecord[] = [];
  if (input.selector.runId) {
    await requireRun(db, input.selector.runId);
    candidates = await listPendingGates(db, { runId: input.selector.runId, limit: MAX_BULK_GATES + 1 });
  }
  for (const id of input.selector.gateIds ?? []) {
    const gate = await getGate(db, id);
    if (!gate) skipped.push({ gateId: id, why: 'no such gate' });
    else if (!candidates.some((c) => c.id === gate.id)) candidates.push(gate);
  }
  const onBehalfOf = await listDelegatedTo(db, input.actor, now);
  const gates: GateView[] = [];
  for (const gate of candidates) {
    const run = await getRun(db, gate.runId);
    if (!run) continue;
    const why =
      gate.status !== 'pending' ? `already ${gate.status}`
      : run.status !== 'running' ? `its run is ${run.status}`
      : gate.kind === 'clarification' ? 'it asks a question: answer it with `/factory approve <gate> <answer>`'
      : mayDecide(ctx, input.actor, run, gate, onBehalfOf);
    if (why) skipped.push({ gateId: gate.id, why });
    else gates.push(await gateView(ctx, db, run, gate));
  }
  if (gates.length === 0) {
    const reasons = skipped.map((s) => `#${s.gateId}: ${s.why}`).join('; ');
    throw new UserError('invalid_arguments', `Nothing to approve${reasons ? ` (${reasons})` : ': no pending gates match'}.`);
  }
  if (gates.length > MAX_BULK_GATES) throw new UserError('invalid_arguments', `That is more than ${MAX_BULK_GATES} gates; approve them in smaller groups (by run, or by ids).`);
  const note = input.note?.trim() || null;
  const stored = await insertBulkApproval(db, { actor: input.actor, gateIds: gates.map((g) => g.id), note, now });
  return { id: stored.id, gates, skipped, note };
}

/** Null when the actor may decide this gate, else the refusal as a short reason. */
function mayDecide(ctx: ServiceContext, actor: Actor, run: NonNullable<Awaited<ReturnType<typeof getRun>>>, gate: GateRecord, onBehalfOf: string[]): string | null {
  try {
    authorize(actor, 'gate.decide', ctx.config, { approvers: blockOf(run, gate.blockId)?.review?.approvers, runStartedBy: run.creator, onBehalfOf });
    return null;
  } catch (error) {
    if (isUserError(error)) return error.message.replace(/\.$/, '');
    throw error;
  }
}

/**
 * The Confirm click: approves every gate the card listed, each in its own transaction with its own
 * audit row (a quorum gate gets this person's vote). Once only: a second click is told so. Gates
 * decided meanwhile are reported, not approved twice.
 */
export async function confirmBulkApproval(ctx: ServiceContext, input: { actor: Actor; bulkId: string }, now: Date): Promise<BulkApprovalResult> {
  const db = ctx.database.db;
  const stored = await getBulkApproval(db, input.bulkId);
  if (!stored || stored.actor.platform !== input.actor.platform || stored.actor.id !== input.actor.id) {
    throw new UserError('invalid_arguments', 'That confirmation is not yours, or no longer exists: run `/factory approve` again.');
  }
  if (now.getTime() - stored.createdAt.getTime() > BULK_CONFIRM_TTL_MS) throw new UserError('invalid_arguments', 'That confirmation is older than 15 minutes: run `/factory approve` again to see what is pending now.');
  const taken = await takeBulkApproval(db, stored.id, now);
  if (!taken) throw new UserError('invalid_arguments', 'These gates were already approved from this confirmation.');
  const results: BulkApprovalResult['results'] = [];
  for (const gateId of taken.gateIds) {
    try {
      const decided = await decideGate(ctx, { gateId, decision: 'approve', reason: taken.note ?? undefined, actor: input.actor, via: 'button', confirmed: true, bulkId: taken.id }, now);
      results.push({ gateId, blockName: decided.gate.blockName, outcome: decided.outcome });
    } catch (error) {
      if (!isUserError(error)) throw error;
      results.push({ gateId, blockName: null, outcome: 'refused', why: error.message });
    }
  }
  return { results };
}
