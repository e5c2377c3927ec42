import { sql } from 'kysely';
import type { Database } from '../../src/store';

/**
 * Empties every application table and restarts the ids, for tests that want a clean slate
 * between cases (graphile-worker's reset()). The audit log refuses TRUNCATE by trigger, so the
 * truncation runs with triggers off (session_replication_role = replica, local to this
 * transaction; the test user is a superuser on both dialects). Tests only.
 */
export async function resetDatabase(database: Database): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ name: string }>`
      select tablename as name from pg_tables
      where schemaname = 'public' and tablename not like 'kysely_%'`.execute(trx);
    if (rows.length === 0) return;
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`truncate ${sql.join(rows.map((r) => sql.table(r.name)))} restart identity cascade`.execute(trx);
  });
}
