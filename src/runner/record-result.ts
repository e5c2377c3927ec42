import type { ExecutorResult, Usage } from '../domain/executor';
import type { AttemptOutcome } from '../domain/run';
import { putArtifact } from '../store/artifacts.store';
import { recordAttemptOutcome } from '../store/block-attempts.store';
import type { Database } from '../store/database';
import { getRunForUpdate } from '../store/runs.store';
import { transaction } from '../store/transaction';
import { advanceRun, type AdvanceDeps } from './advance-run';

export interface RecordInput {
  runId: string;
  blockRunId: string;
  blockId: string;
  attempt: number;
  owner?: string;
  outcome: AttemptOutcome;
  result?: ExecutorResult;
  /** Usage of an attempt that failed after spending (when there is no result to carry it). */
  usage?: Usage;
  lost?: boolean;
}

/**
 * Records a finished attempt and moves the run on, in one transaction. A result for an attempt
 * that is no longer current (the lease was lost, the run was cancelled) changes nothing.
 */
export async function recordResult(database: Database, deps: AdvanceDeps, input: RecordInput, now: Date): Promise<'recorded' | 'stale'> {
  return transaction(database, async (trx) => {
    // Lock order: the run row first, then its blocks and gates (advanceRun relies on it).
    await getRunForUpdate(trx, input.runId);
    const updated = await recordAttemptOutcome(trx, {
      blockRunId: input.blockRunId,
      attempt: input.attempt,
      outcome: input.outcome,
      now,
      usage: input.result?.usage ?? input.usage,
      owner: input.owner,
      lost: input.lost,
    });
    if (!updated) return 'stale';
    for (const artifact of input.result?.artifacts ?? []) {
      await putArtifact(trx, {
        runId: input.runId,
        blockId: input.blockId,
        attempt: input.attempt,
        key: artifact.key,
        format: artifact.format,
        content: artifact.content,
        location: artifact.location ?? null,
        now,
      });
    }
    await advanceRun(trx, input.runId, now, deps);
    return 'recorded';
  });
}
