import { sql, type Transaction } from 'kysely';
import type { DB, Queryable } from './db-schema';

/**
 * The ladder steps already fired for each of `gateIds`, as the planner's keys ("3:0",
 * "deadline:action"): escalation_steps stores them as `${gateId}:${key}`, so the prefix is cut.
 * One query for a whole sweep batch. Gates with nothing fired get an empty set.
 */
export async function listFiredStepKeys(db: Queryable, gateIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const fired = new Map<string, Set<string>>(gateIds.map((id) => [id, new Set<string>()]));
  if (gateIds.length === 0) return fired;
  const rows = await db.selectFrom('escalation_steps').select(['gate_id', 'step_key']).where('gate_id', 'in', [...gateIds]).execute();
  for (const row of rows) {
    const prefix = `${row.gate_id}:`;
    const key = row.step_key.startsWith(prefix) ? row.step_key.slice(prefix.length) : row.step_key;
    fired.get(row.gate_id)?.add(key);
  }
  return fired;
}

/**
 * Locks a run row for the caller's transaction if nobody else holds it; false when someone does.
 * The escalation sweep holds gate locks when it needs a run lock, while a person's decision takes
 * the run lock first and then the gate's: waiting here could deadlock with them, so it never waits.
 */
export async function lockRunIfFree(trx: Transaction<DB>, runId: string): Promise<boolean> {
  const row = await trx.selectFrom('runs').select('id').where('id', '=', runId).forUpdate().skipLocked().executeTakeFirst();
  return row !== undefined;
}

/** Gates waiting for a person (the pending-gates gauge). Served by the partial index on pending gates. */
export async function countPendingGates(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('gates')
    .select(sql<string>`count(*)`.as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
