import type { Logger } from 'pino';
import { pgliteDataDir, type Env } from '../config';
import type { Database } from '../store/database';

/**
 * Opens the store the environment names: PostgreSQL at DATABASE_URL, else PGlite in
 * FACTORY_DATA_DIR/pglite (created on a first start: initdb, the slowest step of a first boot).
 * main.ts starts this while the app's modules load, so the two overlap.
 */
export async function openFactoryDatabase(env: Env, log: Logger): Promise<Database> {
  const { openDatabase } = await import('../store/database');
  return openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: pgliteDataDir(env), log: (m) => log.info(m) });
}
