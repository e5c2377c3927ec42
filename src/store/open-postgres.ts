import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database';
import type { DB } from './db-schema';
import { describeConnectionString, explainPostgresError } from './open-errors';
import { createPgWakeChannel } from './pg-wake-channel';

export interface PostgresOptions {
  databaseUrl: string;
  log: (msg: string) => void;
  /** Pool size per process. The runner, outbox and sweeps each hold a connection only briefly. */
  poolMax?: number;
  applicationName?: string;
}

/** A pg Pool plus one dedicated LISTEN connection; checks the server answers before returning. */
export async function openPostgres(opts: PostgresOptions): Promise<Database> {
  const where = describeConnectionString(opts.databaseUrl);
  const clientConfig: pg.ClientConfig = {
    connectionString: opts.databaseUrl,
    application_name: opts.applicationName ?? 'process-factory',
    connectionTimeoutMillis: 10_000,
  };
  const pool = new pg.Pool({ ...clientConfig, max: opts.poolMax ?? 10, idleTimeoutMillis: 30_000 });
  // An idle client that dies (server restart) emits here; without a listener it would crash the process.
  pool.on('error', (err) => opts.log(`idle PostgreSQL connection failed: ${err.message}`));
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw explainPostgresError(err, where);
  }
  let wake;
  try {
    wake = await createPgWakeChannel({ clientConfig, pool, log: opts.log });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw explainPostgresError(err, where);
  }
  opts.log(`using PostgreSQL at ${where.host}/${where.database}`);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
    db,
    kind: 'postgres',
    wake,
    log: opts.log,
    close() {
      closing ??= (async () => {
        await wake.close();
        await db.destroy(); // ends the pool
      })();
      return closing;
    },
  };
}
