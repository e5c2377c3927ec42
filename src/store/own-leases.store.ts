import type { Transaction } from 'kysely';
import type { BlockRun } from '../domain/records';
import { toBlockRun } from './blocks.store';
import type { DB } from './db-schema';

/**
 * Running blocks whose lease owner starts with `ownerPrefix` (one process identity's leases,
 * whatever their expiry), locked for the caller's transaction; rows another process holds locked
 * are skipped. The caller decides which of those owners are dead.
 */
export async function listLeasesOwnedBy(trx: Transaction<DB>, ownerPrefix: string, opts: { limit?: number } = {}): Promise<BlockRun[]> {
  // LIKE metacharacters in the prefix are escaped so only the literal prefix matches.
  const pattern = `${ownerPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await trx
    .selectFrom('block_runs')
    .selectAll()
    .where('status', '=', 'running')
    .where('lease_owner', 'like', pattern)
    .orderBy('id')
    .limit(opts.limit ?? 100)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(toBlockRun);
}
