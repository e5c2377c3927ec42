import type { ArtifactRecord, BlockAttempt } from '../domain/records';
import { toArtifactRecord } from './artifacts.store';
import { toBlockAttempt } from './block-attempts.store';
import type { Queryable } from './db-schema';
import { toEscalationStepRecord, type EscalationStepRecord } from './escalation-steps.store';

/** Every attempt of every block of a run, with the block's id, oldest first. */
export async function listAttemptsForRun(db: Queryable, runId: string): Promise<Array<BlockAttempt & { blockId: string }>> {
  const rows = await db
    .selectFrom('block_attempts')
    .innerJoin('block_runs', 'block_runs.id', 'block_attempts.block_run_id')
    .selectAll('block_attempts')
    .select('block_runs.block_id as run_block_id')
    .where('block_runs.run_id', '=', runId)
    .orderBy('block_attempts.id')
    .execute();
  return rows.map((row) => ({ ...toBlockAttempt(row), blockId: row.run_block_id }));
}

/** One version of one artifact with its content; the latest when `attempt` is undefined. */
export async function getArtifactVersion(db: Queryable, runId: string, blockId: string, key: string, attempt?: number): Promise<ArtifactRecord | undefined> {
  let query = db.selectFrom('artifacts').selectAll().where('run_id', '=', runId).where('block_id', '=', blockId).where('key', '=', key);
  if (attempt !== undefined) query = query.where('attempt', '=', attempt);
  const row = await query.orderBy('attempt', 'desc').limit(1).executeTakeFirst();
  return row && toArtifactRecord(row);
}

/** The ladder steps fired for every gate of a run, oldest first. */
export async function listEscalationStepsForRun(db: Queryable, runId: string): Promise<EscalationStepRecord[]> {
  const rows = await db
    .selectFrom('escalation_steps')
    .innerJoin('gates', 'gates.id', 'escalation_steps.gate_id')
    .selectAll('escalation_steps')
    .where('gates.run_id', '=', runId)
    .orderBy('escalation_steps.fired_at')
    .orderBy('escalation_steps.id')
    .execute();
  return rows.map(toEscalationStepRecord);
}
