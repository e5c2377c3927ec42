import { sql, type UpdateObject } from 'kysely';
import type { EngineAction } from '../engine/types';
import type { DB, Queryable } from './db-schema';
import { wakeAfterCommit } from './transaction';

type BlockAction = Extract<
  EngineAction,
  { type: 'start-block' | 'retry-block' | 'rework-block' | 'release-block' | 'reset-block' | 'complete-block' | 'fail-block' | 'skip-block' | 'block-block' | 'unblock-block' }
>;
type BlockChange = UpdateObject<DB, 'block_runs'>;

const released = { lease_owner: null, lease_expires_at: null } satisfies BlockChange;

/**
 * Applies one block action's state effect, mirroring the engine's reference (src/engine/apply-action.ts):
 * start, retry and rework make the block `ready` with `attempts` = action.attempt (retry also
 * counts a retry, rework a rework; the feedback of a rework or clarification waits in `feedback`
 * for the next attempt). They apply only while `attempts` < action.attempt, so applying the same
 * action twice counts once and never re-readies a block a runner has claimed. Returns whether the
 * block changed. Readying a block wakes the runner after commit.
 */
export async function applyBlockAction(db: Queryable, runId: string, action: BlockAction, now: Date): Promise<boolean> {
  let guardAttempt: number | undefined;
  let change: BlockChange;
  switch (action.type) {
    case 'start-block':
    case 'retry-block':
    case 'rework-block':
      guardAttempt = action.attempt;
      change = {
        status: 'ready',
        attempts: action.attempt,
        outcome: null,
        error: null,
        ended_at: null,
        ...released,
        ...nextFeedback(action),
        ...(action.type === 'retry-block' && !action.repair ? { retries: sql<number>`retries + 1` } : {}),
        ...(action.type === 'retry-block' && action.repair ? { repairs: sql<number>`repairs + 1` } : {}),
        ...(action.type === 'rework-block' ? { reworks: sql<number>`reworks + 1` } : {}),
        ...(action.type === 'start-block' ? {} : { clarification_hops: 0 }),
      };
      break;
    case 'release-block': {
      // Only the attempt the budget gate held, and only while it still waits on it.
      const result = await db
        .updateTable('block_runs')
        .set({ status: 'ready', ...released })
        .where('run_id', '=', runId)
        .where('block_id', '=', action.blockId)
        .where('status', '=', 'waiting')
        .where('attempts', '=', action.attempt)
        .executeTakeFirst();
      const changed = Number(result.numUpdatedRows) > 0;
      if (changed) wakeAfterCommit(db, 'runner');
      return changed;
    }
    case 'reset-block': {
      // Only a validation attempt whose result is still unsettled: applying it twice changes nothing.
      const result = await db
        .updateTable('block_runs')
        .set({ status: 'pending', outcome: null, error: null, ended_at: null, ...released })
        .where('run_id', '=', runId)
        .where('block_id', '=', action.blockId)
        .where('status', '=', 'running')
        .where('outcome', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }
    case 'complete-block':
      change = { status: 'done', score: action.score ?? null, outcome: null, error: null, ended_at: now, clarification_hops: 0, ...released };
      break;
    case 'fail-block':
      change = { status: 'failed', error: action.reason, outcome: null, ended_at: now, ...released };
      break;
    case 'skip-block':
      change = { status: 'skipped', outcome: null, ended_at: now, ...released };
      break;
    case 'block-block':
      change = { status: 'blocked' };
      break;
    case 'unblock-block':
      change = { status: 'pending' };
      break;
  }
  let update = db.updateTable('block_runs').set(change).where('run_id', '=', runId).where('block_id', '=', action.blockId);
  if (guardAttempt !== undefined) update = update.where('attempts', '<', guardAttempt);
  const result = await update.executeTakeFirst();
  const changed = Number(result.numUpdatedRows) > 0;
  if (changed && guardAttempt !== undefined) wakeAfterCommit(db, 'runner');
  return changed;
}

/** What waits for the next attempt: a clarification's answer, a reviewer's rework, a repair hint, or nothing. */
function nextFeedback(action: Extract<BlockAction, { type: 'start-block' | 'retry-block' | 'rework-block' }>): BlockChange {
  switch (action.type) {
    case 'retry-block':
      return action.repair ? { feedback: action.repair.feedback, feedback_kind: 'repair' } : { feedback: null, feedback_kind: null };
    case 'rework-block':
      return { feedback: action.feedback, feedback_kind: 'review' };
    case 'start-block':
      if (action.feedback === undefined) return { feedback: null, feedback_kind: null };
      return { feedback: action.feedback, feedback_kind: action.cause === 'clarified' ? 'clarification' : 'review' };
  }
}

/**
 * The block's side of an opened gate: it waits. A clarification counts a round and a hop (an
 * approval gate ends the hops: the attempt finished); a budget gate holds a ready attempt; a task gate is a
 * person's attempt, so `attempts` rises to it. Call only when the gate row was newly created, so
 * a repeated open-gate counts once. The outcome stays (an approved after-gate reads its score).
 */
export async function markBlockWaiting(
  db: Queryable,
  runId: string,
  gate: { blockId: string; kind: 'approval' | 'clarification' | 'task' | 'budget'; attempt: number },
): Promise<void> {
  await db
    .updateTable('block_runs')
    .set({
      status: 'waiting',
      ...released,
      ...(gate.kind === 'clarification' ? { clarifications: sql<number>`clarifications + 1`, clarification_hops: sql<number>`clarification_hops + 1` } : {}),
      ...(gate.kind === 'approval' ? { clarification_hops: 0 } : {}),
      ...(gate.kind === 'task' ? { attempts: sql<number>`greatest(attempts, ${gate.attempt})` } : {}),
    })
    .where('run_id', '=', runId)
    .where('block_id', '=', gate.blockId)
    .execute();
}

/**
 * Cancels every block of a run that has not finished (a cancelled run). Running attempts lose
 * their lease (their attempt rows say `cancelled`), so a late result is refused. Returns the ids of the blocks cancelled.
 */
export async function cancelOpenBlocks(db: Queryable, runId: string, now: Date): Promise<string[]> {
  const rows = await db
    .updateTable('block_runs')
    .set({ status: 'cancelled', ended_at: now, outcome: null, ...released })
    .where('run_id', '=', runId)
    .where('status', 'not in', ['done', 'failed', 'skipped', 'cancelled'])
    .returning(['id', 'block_id'])
    .execute();
  if (rows.length > 0) {
    await db
      .updateTable('block_attempts')
      .set({ status: 'cancelled', ended_at: now })
      .where('status', '=', 'running')
      .where('block_run_id', 'in', rows.map((r) => r.id))
      .execute();
  }
  return rows.map((r) => r.block_id);
}
