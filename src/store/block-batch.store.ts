import { sql } from 'kysely';
import type { EngineAction } from '../engine/types';
import type { Queryable } from './db-schema';
import { wakeAfterCommit } from './transaction';

type Start = Extract<EngineAction, { type: 'start-block' }>;
type Complete = Extract<EngineAction, { type: 'complete-block' }>;

/**
 * Many `start-block` actions of one run in one UPDATE ... FROM VALUES, with the same effect and
 * guard per row as `applyBlockAction` (ready with `attempts` = the action's attempt, only while
 * `attempts` is lower). Returns the block ids that changed; wakes the runner after commit.
 */
export async function startBlocks(db: Queryable, runId: string, actions: readonly Start[]): Promise<Set<string>> {
  if (actions.length === 0) return new Set();
  const values = actions.map((a) => {
    const kind = a.feedback === undefined ? null : a.cause === 'clarified' ? 'clarification' : 'review';
    return sql`(${a.blockId}::text, ${a.attempt}::int, ${a.feedback ?? null}::text, ${kind}::text)`;
  });
  const result = await sql<{ block_id: string }>`
    update block_runs b set status = 'ready', attempts = v.attempt, outcome = null, error = null, ended_at = null,
      lease_owner = null, lease_expires_at = null, feedback = v.feedback, feedback_kind = v.feedback_kind
    from (values ${sql.join(values)}) as v(block_id, attempt, feedback, feedback_kind)
    where b.run_id = ${runId} and b.block_id = v.block_id and b.attempts < v.attempt
    returning b.block_id`.execute(db);
  if (result.rows.length > 0) wakeAfterCommit(db, 'runner');
  return new Set(result.rows.map((r) => r.block_id));
}

/** Many `complete-block` actions of one run in one statement: done, with the score, lease released (as `applyBlockAction`). */
export async function completeBlocks(db: Queryable, runId: string, actions: readonly Complete[], now: Date): Promise<Set<string>> {
  if (actions.length === 0) return new Set();
  const values = actions.map((a) => sql`(${a.blockId}::text, ${a.score ?? null}::double precision)`);
  const result = await sql<{ block_id: string }>`
    update block_runs b set status = 'done', score = v.score, outcome = null, error = null, ended_at = ${now},
      clarification_hops = 0, lease_owner = null, lease_expires_at = null
    from (values ${sql.join(values)}) as v(block_id, score)
    where b.run_id = ${runId} and b.block_id = v.block_id
    returning b.block_id`.execute(db);
  return new Set(result.rows.map((r) => r.block_id));
}
