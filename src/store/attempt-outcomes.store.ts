import { sql } from 'kysely';
import type { BlockRun } from '../domain/records';
import type { RecordOutcomeInput } from './block-attempts.store';
import { ATTEMPT_STATUS, recordAttemptOutcome } from './block-attempts.store';
import { toBlockRun } from './blocks.store';
import type { BlockRunsTable, Queryable } from './db-schema';
import { toJson, toJsonOrNull } from './json-columns';

/**
 * `recordAttemptOutcome` for several attempts at once: two statements (block_runs, then
 * block_attempts, each UPDATE ... FROM VALUES) instead of two per attempt, with the same guard
 * per row (still running this attempt, no outcome yet, under this owner when one is given).
 * Answers in input order; undefined for an attempt that is no longer current.
 */
export async function recordAttemptOutcomes(db: Queryable, inputs: readonly RecordOutcomeInput[]): Promise<Array<BlockRun | undefined>> {
  if (inputs.length <= 1) return Promise.all(inputs.map((input) => recordAttemptOutcome(db, input)));
  const values = inputs.map((input) => {
    const usage = input.usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    const model = input.usage?.model ?? null;
    return sql`(${input.blockRunId}::bigint, ${input.attempt}::int, ${toJson(input.outcome)}::jsonb, ${String(Math.round(usage.inputTokens))}::bigint, ${String(Math.round(usage.outputTokens))}::bigint, ${String(usage.costUsd)}::numeric, ${input.owner ?? null}::text, ${input.usage ? 1 : 0}::int, ${model}::text, ${model ? (input.usage?.fallbackFrom ?? null) : null}::text)`;
  });
  const updated = await sql<BlockRunsTable>`
    update block_runs b set
      outcome = v.outcome, lease_owner = null, lease_expires_at = null,
      input_tokens = b.input_tokens + v.input_tokens, output_tokens = b.output_tokens + v.output_tokens, cost_usd = b.cost_usd + v.cost_usd,
      metered_attempts = b.metered_attempts + v.metered,
      last_model = case when v.model is null then b.last_model else v.model end,
      last_fallback_from = case when v.model is null then b.last_fallback_from else v.fallback_from end
    from (values ${sql.join(values)}) as v(id, attempt, outcome, input_tokens, output_tokens, cost_usd, owner, metered, model, fallback_from)
    where b.id = v.id and b.status = 'running' and b.attempts = v.attempt and b.outcome is null
      and (v.owner is null or b.lease_owner = v.owner)
    returning b.*`.execute(db);
  const byId = new Map(updated.rows.map((row) => [String(row.id), toBlockRun(row as never)]));
  const recorded = inputs.filter((input) => byId.has(input.blockRunId));
  if (recorded.length > 0) {
    const attempts = recorded.map(
      (input) =>
        sql`(${input.blockRunId}::bigint, ${input.attempt}::int, ${input.lost ? 'lost' : ATTEMPT_STATUS[input.outcome.kind]}::text, ${input.now}::timestamptz, ${toJson(input.outcome)}::jsonb, ${toJsonOrNull(input.usage)}::jsonb)`,
    );
    await sql`
      update block_attempts a set status = v.status, ended_at = v.ended_at, outcome = v.outcome, usage = v.usage
      from (values ${sql.join(attempts)}) as v(block_run_id, attempt, status, ended_at, outcome, usage)
      where a.block_run_id = v.block_run_id and a.attempt = v.attempt`.execute(db);
  }
  return inputs.map((input) => byId.get(input.blockRunId));
}
