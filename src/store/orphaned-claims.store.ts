import { SYSTEM_ACTOR } from '../domain/actor';
import { recordAudit } from './audit.store';
import type { Queryable } from './db-schema';
import { toJson } from './json-columns';

export interface OrphanedClaim {
  blockRunId: string;
  runId: string;
  blockId: string;
  attempt: number;
  owner: string;
  now: Date;
}

/**
 * A claimed block whose run row is gone: nothing can advance it, so the claim is settled here
 * rather than left `running` until its lease runs out (and then retried, for ever). The attempt
 * gets a non-retryable failed outcome, the block becomes `failed`, and an audit row says why
 * (its run_id is null: the run it would reference no longer exists). Guarded like any outcome
 * (this owner, this attempt, no outcome yet); false when the claim was no longer ours.
 */
export async function failOrphanedClaim(db: Queryable, claim: OrphanedClaim): Promise<boolean> {
  const error = `run ${claim.runId} no longer exists`;
  const outcome = toJson({ kind: 'failed', error, retryable: false });
  const settled = await db
    .updateTable('block_runs')
    .set({ status: 'failed', outcome, error, ended_at: claim.now, lease_owner: null, lease_expires_at: null })
    .where('id', '=', claim.blockRunId)
    .where('status', '=', 'running')
    .where('attempts', '=', claim.attempt)
    .where('outcome', 'is', null)
    .where('lease_owner', '=', claim.owner)
    .executeTakeFirst();
  if (Number(settled.numUpdatedRows) === 0) return false;
  await db
    .updateTable('block_attempts')
    .set({ status: 'failed', ended_at: claim.now, outcome })
    .where('block_run_id', '=', claim.blockRunId)
    .where('attempt', '=', claim.attempt)
    .execute();
  await recordAudit(db, {
    at: claim.now,
    actor: SYSTEM_ACTOR,
    action: 'block.orphaned',
    entityType: 'block',
    entityId: claim.blockId,
    runId: null,
    changes: { from: 'running', to: 'failed' },
    metadata: { runId: claim.runId, blockRunId: claim.blockRunId, attempt: claim.attempt, reason: error },
  });
  return true;
}
