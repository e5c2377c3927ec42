import { PGlite, types } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { lockDataDir } from './data-dir-lock';
import type { Database } from './database';
import type { DB } from './db-schema';
import { DatabaseOpenError } from './open-errors';
import { createLocalWakeChannel } from './wake-channel';

/**
 * Embedded PostgreSQL. It is ONE connection: the dialect queues every other query while a
 * transaction is open, so code inside `transaction()` must use its `trx`, never `database.db`
 * (that would wait for itself forever).
 */
export async function openPglite(opts: { dataDir?: string; memory?: boolean; snapshot?: Blob; log: (msg: string) => void }): Promise<Database> {
  const dataDir = opts.memory || opts.snapshot ? undefined : opts.dataDir;
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let pglite: PGlite;
  try {
    // int8 as text, like node-postgres: ids stay exact and both dialects return the same types.
    pglite = await PGlite.create({ dataDir, loadDataDir: opts.snapshot, parsers: { [types.INT8]: (value: string) => value } });
  } catch (err) {
    unlock();
    throw new DatabaseOpenError(
      'data-dir',
      `cannot open the embedded database${dataDir ? ` in ${dataDir}` : ''} (${(err as Error).message}): check that FACTORY_DATA_DIR is a writable directory that only this process uses, or set DATABASE_URL to use PostgreSQL.`,
      { cause: err },
    );
  }
  opts.log(dataDir ? `using embedded PGlite in ${dataDir}` : 'using embedded PGlite in memory');
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  const wake = createLocalWakeChannel(opts.log);
  let closing: Promise<void> | undefined;
  return {
    db,
    kind: 'pglite',
    wake,
    log: opts.log,
    dumpDataDir: () => pglite.dumpDataDir('none') as Promise<Blob>,
    close() {
      closing ??= (async () => {
        await wake.close();
        await db.destroy(); // closes PGlite
        unlock();
      })();
      return closing;
    },
  };
}
