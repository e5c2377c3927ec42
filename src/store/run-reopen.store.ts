import type { RunRecord } from '../domain/records';
import type { Queryable } from './db-schema';
import { toRunRecord } from './runs.store';

/**
 * Puts a failed run back to running (a person retries one of its failed blocks). Completed and
 * cancelled runs stay ended: only a failure can be recovered from.
 */
export async function reopenFailedRun(db: Queryable, runId: string, now: Date): Promise<RunRecord | undefined> {
  const row = await db
    .updateTable('runs')
    .set({ status: 'running', ended_at: null, end_reason: null, updated_at: now })
    .where('id', '=', runId)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
  return row && toRunRecord(row);
}
