import type { Selectable } from 'kysely';
import type { BlockRun } from '../domain/records';
import type { BlockStatus } from '../domain/statuses';
import type { BlockRunsTable, Queryable } from './db-schema';
import { parseOutcome } from './json-columns';

/** The one place a block_runs row becomes a BlockRun (which is also the engine's BlockState). */
export function toBlockRun(row: Selectable<BlockRunsTable>): BlockRun {
  return {
    id: row.id,
    runId: row.run_id,
    blockId: row.block_id,
    status: row.status as BlockStatus,
    attempts: row.attempts,
    retries: row.retries,
    reworks: row.reworks,
    clarifications: row.clarifications,
    outcome: parseOutcome(row.outcome),
    feedback: row.feedback,
    feedbackKind: row.feedback_kind as BlockRun['feedbackKind'],
    repairs: row.repairs,
    clarificationHops: row.clarification_hops,
    meteredAttempts: row.metered_attempts,
    lastModel: row.last_model,
    lastFallbackFrom: row.last_fallback_from,
    score: row.score,
    error: row.error,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: Number(row.cost_usd),
    parallelGroup: row.parallel_group,
  };
}

/** Creates every block of a new run in status `pending` (the engine decides what is ready). */
export async function insertBlockRuns(
  db: Queryable,
  runId: string,
  blocks: ReadonlyArray<{ id: string; parallel_group?: string | null }>,
): Promise<BlockRun[]> {
  if (blocks.length === 0) return [];
  const rows = await db
    .insertInto('block_runs')
    .values(blocks.map((b) => ({ run_id: runId, block_id: b.id, status: 'pending', parallel_group: b.parallel_group ?? null })))
    .returningAll()
    .execute();
  return rows.map(toBlockRun);
}

/** Every block of a run, in template order of insertion: the `blocks` of a RunSnapshot. */
export async function listBlockRuns(db: Queryable, runId: string): Promise<BlockRun[]> {
  const rows = await db.selectFrom('block_runs').selectAll().where('run_id', '=', runId).orderBy('id').execute();
  return rows.map(toBlockRun);
}

/** Some blocks of a run, by block id (the neighbourhood an incremental advance reads). */
export async function listBlockRunsOf(db: Queryable, runId: string, blockIds: readonly string[]): Promise<BlockRun[]> {
  if (blockIds.length === 0) return [];
  const rows = await db.selectFrom('block_runs').selectAll().where('run_id', '=', runId).where('block_id', 'in', [...blockIds]).orderBy('id').execute();
  return rows.map(toBlockRun);
}

/** Whether any block of the run is pending, ready, running or waiting (a partial index answers it). */
export async function hasBlockInPlay(db: Queryable, runId: string): Promise<boolean> {
  const row = await db
    .selectFrom('block_runs')
    .select('id')
    .where('run_id', '=', runId)
    .where('status', 'in', ['pending', 'ready', 'running', 'waiting'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function getBlockRun(db: Queryable, blockRunId: string): Promise<BlockRun | undefined> {
  const row = await db.selectFrom('block_runs').selectAll().where('id', '=', blockRunId).executeTakeFirst();
  return row && toBlockRun(row);
}

export async function findBlockRun(db: Queryable, runId: string, blockId: string): Promise<BlockRun | undefined> {
  const row = await db.selectFrom('block_runs').selectAll().where('run_id', '=', runId).where('block_id', '=', blockId).executeTakeFirst();
  return row && toBlockRun(row);
}

/** Blocks across runs in one status (e.g. failed, for blockers), oldest first. */
export async function listBlockRunsByStatus(db: Queryable, status: BlockStatus, opts: { limit?: number } = {}): Promise<BlockRun[]> {
  const rows = await db.selectFrom('block_runs').selectAll().where('status', '=', status).orderBy('id').limit(opts.limit ?? 100).execute();
  return rows.map(toBlockRun);
}
