import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { adminUrl, urlForDatabase } from './pg-target';

/** A throwaway database on the local server; `drop()` is idempotent. */
export interface ScratchDatabase {
  name: string;
  connectionString: string;
  drop(): Promise<void>;
}

// Every database still alive, so an interrupted run can still drop them (see dropAllScratchDatabases).
const alive = new Map<string, ScratchDatabase>();

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE pf_bench_<label>_<random>; the name is generated, so no quoting issues. */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `pf_bench_${label}_${randomBytes(4).toString('hex')}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`store bench: bad scratch database label ${label}`);
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const db: ScratchDatabase = {
    name,
    connectionString: urlForDatabase(name),
    async drop() {
      if (!alive.delete(name)) return;
      // FORCE: a pool that failed to close must not leave the database behind.
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
  alive.set(name, db);
  return db;
}

/** Drop every scratch database this process created and has not dropped yet (for SIGINT). */
export async function dropAllScratchDatabases(): Promise<void> {
  await Promise.allSettled([...alive.values()].map((db) => db.drop()));
}
