import type { ExecutorResult, Usage } from '../domain/executor';
import type { AttemptOutcome } from '../domain/run';
import { putArtifact } from '../store/artifacts.store';
import { recordAttemptOutcomes } from '../store/attempt-outcomes.store';
import type { RecordOutcomeInput } from '../store/block-attempts.store';
import type { Database } from '../store/database';
import type { Queryable } from '../store/db-schema';
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
  const [outcome] = await recordResults(database, deps, input.runId, [input], now);
  return outcome!;
}

/**
 * Records several finished attempts of one run and moves the run on once, in one transaction
 * (group commit: the completions of a wide run share the run lock, the engine step and the
 * multi-row audit and outbox inserts). Each attempt is guarded on its own; the answers are in
 * input order.
 */
export async function recordResults(database: Database, deps: AdvanceDeps, runId: string, inputs: readonly RecordInput[], now: Date): Promise<Array<'recorded' | 'stale'>> {
  return transaction(database, async (trx) => {
    // Lock order: the run row first, then its blocks and gates (advanceRun relies on it).
    const run = await getRunForUpdate(trx, runId);
    const updated = await recordAttemptOutcomes(trx, inputs.map((input) => attemptOutcome(input, now)));
    const changed: string[] = [];
    for (const [i, input] of inputs.entries()) {
      if (!updated[i]) continue;
      changed.push(input.blockId);
      await putArtifacts(trx, input, now);
    }
    const outcomes = updated.map((u) => (u ? ('recorded' as const) : ('stale' as const)));
    if (run && changed.length > 0) await advanceRun(trx, runId, now, deps, { changed, locked: run });
    return outcomes;
  });
}

function attemptOutcome(input: RecordInput, now: Date): RecordOutcomeInput {
  return { blockRunId: input.blockRunId, attempt: input.attempt, outcome: input.outcome, now, usage: input.result?.usage ?? input.usage, owner: input.owner, lost: input.lost };
}

async function putArtifacts(trx: Queryable, input: RecordInput, now: Date): Promise<void> {
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
}
