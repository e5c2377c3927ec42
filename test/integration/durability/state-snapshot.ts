import type { Database } from '../../../src/store/database';

const TABLES = ['runs', 'block_runs', 'block_attempts', 'gates', 'audit_log', 'outbox'] as const;

/**
 * How many rows each table holds, and the status of every run, block and gate: equal before and
 * after a refused request means the refusal changed nothing.
 */
export async function snapshotState(database: Database): Promise<Record<string, unknown>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { n } = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(n);
  }
  const statuses = async (table: 'runs' | 'block_runs' | 'gates') =>
    (await database.db.selectFrom(table).select(['id', 'status']).orderBy('id').execute()).map((r) => `${r.id}:${r.status}`);
  return { counts, runs: await statuses('runs'), blocks: await statuses('block_runs'), gates: await statuses('gates') };
}
