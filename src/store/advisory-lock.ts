import { sql, type Transaction } from 'kysely';
import type { DB } from './db-schema';

/**
 * Takes a transaction-scoped advisory lock on `key` if nobody holds it; released at COMMIT or
 * ROLLBACK. Cron sweeps use it so that one replica sweeps at a time. On PGlite (one connection)
 * it always succeeds, which is right: there is only one process.
 */
export async function tryAdvisoryXactLock(trx: Transaction<DB>, key: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${key})) as locked`.execute(trx);
  return rows[0]?.locked === true;
}
