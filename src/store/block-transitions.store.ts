import { sql, type UpdateObject } from 'kysely';
import type { EngineAction } from '../engine/types';
import type { DB, Queryable } from './db-schema';
import { wakeAfterCommit } from './transaction';

type BlockAction = Extract<
  EngineAction,
  { type: 'start-block' | 'retry-block' | 'rework-block' | 'complete-block' | 'fail-block' | 'skip-block' | 'block-block' | 'unblock-block' }
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
        feedback: action.type === 'retry-block' ? null : (action.feedback ?? null),
        ...(action.type === 'retry-block' ? { retries: sql<number>`retries + 1` } : {}),
        ...(action.type === 'rework-block' ? { reworks: sql<number>`reworks + 1` } : {}),
      };
      break;
    case 'complete-block':
      change = { status: 'done', score: action.score ?? null, outcome: null, error: null, ended_at: now, ...released };
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

/**
 * The block's side of an opened gate: it waits. A clarification counts a round; a task gate is a
 * person's attempt, so `attempts` rises to it. Call only when the gate row was newly created, so
 * a repeated open-gate counts once. The outcome stays (an approved after-gate reads its score).
 */
export async function markBlockWaiting(
  db: Queryable,
  runId: string,
  gate: { blockId: string; kind: 'approval' | 'clarification' | 'task'; attempt: number },
): Promise<void> {
  await db
    .updateTable('block_runs')
    .set({
      status: 'waiting',
      ...released,
      ...(gate.kind === 'clarification' ? { clarifications: sql<number>`clarifications + 1` } : {}),
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
