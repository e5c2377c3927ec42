import type { Kysely } from 'kysely';
import type { DB } from './db-schema';
import { openPglite } from './open-pglite';
import { openPostgres } from './open-postgres';
import { registerDatabase } from './transaction';
import type { WakeChannel } from './wake-channel';

export interface Database {
  db: Kysely<DB>;
  kind: 'postgres' | 'pglite';
  wake: WakeChannel;
  /** Where the store reports trouble no caller can be told about (after-commit hooks, a lost LISTEN connection). */
  log: (msg: string) => void;
  /** Closes the pool (or PGlite) and the wake channel. Safe to call twice. */
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball, to open copies from (`snapshot`) without initdb. */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent, embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (created if missing). */
  dataDir?: string;
  /** PGlite in memory (tests, trying things out). */
  memory?: boolean;
  /** PGlite in memory, started from a dump (`dumpDataDir`): skips initdb, which is most of its start time. */
  snapshot?: Blob;
  log?: (msg: string) => void;
  /** PostgreSQL pool size (default 10). */
  poolMax?: number;
  /** Shown in pg_stat_activity (default "process-factory"). */
  applicationName?: string;
}

/**
 * Opens the store: PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir` or in memory.
 * Does not migrate: call `migrateToLatest(database.db)` next. Throws a DatabaseOpenError whose
 * message tells the operator what to fix.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const log = opts.log ?? (() => undefined);
  if (opts.databaseUrl) {
    return registerDatabase(
      await openPostgres({ databaseUrl: opts.databaseUrl, log, poolMax: opts.poolMax, applicationName: opts.applicationName }),
    );
  }
  if (!opts.memory && !opts.dataDir) {
    throw new Error('openDatabase needs a databaseUrl, a dataDir or memory: true');
  }
  return registerDatabase(await openPglite({ dataDir: opts.dataDir, memory: opts.memory, snapshot: opts.snapshot, log }));
}
