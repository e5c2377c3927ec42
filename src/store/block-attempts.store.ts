import type { Selectable } from 'kysely';
import type { Usage } from '../domain/executor';
import type { AttemptStatus, BlockAttempt, BlockRun } from '../domain/records';
import type { AttemptOutcome } from '../domain/run';
import type { BlockAttemptsTable, Queryable } from './db-schema';
import { toBlockRun } from './blocks.store';
import { parseOptionalObject, parseOutcome, toJson, toJsonOrNull } from './json-columns';

/** The one place a block_attempts row becomes a BlockAttempt. */
export function toBlockAttempt(row: Selectable<BlockAttemptsTable>): BlockAttempt {
  const usage = parseOptionalObject(row.usage, `attempt ${row.id} usage`);
  return {
    id: row.id,
    blockRunId: row.block_run_id,
    attempt: row.attempt,
    worker: row.worker,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    status: row.status as AttemptStatus,
    outcome: parseOutcome(row.outcome),
    usage: usage && {
      inputTokens: Number(usage.inputTokens ?? 0),
      outputTokens: Number(usage.outputTokens ?? 0),
      costUsd: Number(usage.costUsd ?? 0),
      ...(typeof usage.model === 'string' ? { model: usage.model } : {}),
      ...(typeof usage.alias === 'string' ? { alias: usage.alias } : {}),
      ...(typeof usage.fallbackFrom === 'string' ? { fallbackFrom: usage.fallbackFrom } : {}),
    },
  };
}

export const ATTEMPT_STATUS: Record<AttemptOutcome['kind'], AttemptStatus> = {
  complete: 'complete',
  failed: 'failed',
  timeout: 'timeout',
  needs_clarification: 'needs_clarification',
  blocked: 'blocked',
};

export interface RecordOutcomeInput {
  blockRunId: string;
  /** The attempt this outcome belongs to; a stale attempt's late result is refused. */
  attempt: number;
  outcome: AttemptOutcome;
  now: Date;
  usage?: Usage;
  /** The runner's lease owner; when given, only the lease holder may record (omit for the lease sweep). */
  owner?: string;
  /** The worker vanished (lease expired): the attempt is marked `lost`. */
  lost?: boolean;
}

/**
 * Records how a running attempt ended: the block keeps status `running` with `outcome` set (the
 * engine turns it into the next transition), its lease is released and the usage added; the
 * attempt row gets its status, end time and outcome. Returns undefined when the block is no longer
 * running this attempt under this owner (the lease was lost, or the run moved on): the caller
 * must drop the result. Call inside a transaction.
 */
export async function recordAttemptOutcome(db: Queryable, input: RecordOutcomeInput): Promise<BlockRun | undefined> {
  const usage = input.usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let update = db
    .updateTable('block_runs')
    .set((eb) => ({
      outcome: toJson(input.outcome),
      lease_owner: null,
      lease_expires_at: null,
      input_tokens: eb('input_tokens', '+', String(Math.round(usage.inputTokens))),
      output_tokens: eb('output_tokens', '+', String(Math.round(usage.outputTokens))),
      cost_usd: eb('cost_usd', '+', String(usage.costUsd)),
      ...(input.usage ? { metered_attempts: eb('metered_attempts', '+', 1) } : {}),
      ...(input.usage?.model ? { last_model: input.usage.model, last_fallback_from: input.usage.fallbackFrom ?? null } : {}),
    }))
    .where('id', '=', input.blockRunId)
    .where('status', '=', 'running')
    .where('attempts', '=', input.attempt)
    .where('outcome', 'is', null);
  if (input.owner !== undefined) update = update.where('lease_owner', '=', input.owner);
  const row = await update.returningAll().executeTakeFirst();
  if (!row) return undefined;
  await db
    .updateTable('block_attempts')
    .set({
      status: input.lost ? 'lost' : ATTEMPT_STATUS[input.outcome.kind],
      ended_at: input.now,
      outcome: toJson(input.outcome),
      usage: toJsonOrNull(input.usage),
    })
    .where('block_run_id', '=', input.blockRunId)
    .where('attempt', '=', input.attempt)
    .execute();
  return toBlockRun(row);
}

/** Every attempt of a block, first to last. */
export async function listBlockAttempts(db: Queryable, blockRunId: string): Promise<BlockAttempt[]> {
  const rows = await db.selectFrom('block_attempts').selectAll().where('block_run_id', '=', blockRunId).orderBy('attempt').execute();
  return rows.map(toBlockAttempt);
}
