import { existsSync } from 'node:fs';
import { pgliteDataDir, type Env } from '../config';
import { describeConnectionString } from '../store/open-errors';

/** The line shown while the database opens (the slow part of a start), before the chat is up. */
export function describeOpening(env: Pick<Env, 'DATABASE_URL' | 'FACTORY_DATA_DIR'>): string {
  if (env.DATABASE_URL) return `Starting Process Factory on PostgreSQL at ${describeDatabase(env.DATABASE_URL)}…`;
  // PGlite's first start (initdb in WebAssembly) takes seconds: say so, or it looks hung.
  if (!existsSync(pgliteDataDir(env))) return 'Starting Process Factory… (first start: creating the embedded database takes a few seconds)';
  return 'Starting Process Factory…';
}

/**
 * The console's welcome: what it runs on, where the logs are, how to begin. PGlite is said to be
 * for trying and small teams so that nobody runs production on it by accident.
 */
export function describeWelcome(env: Pick<Env, 'DATABASE_URL' | 'FACTORY_DATA_DIR'>, logFile: string): string {
  const store = env.DATABASE_URL
    ? `PostgreSQL at ${describeDatabase(env.DATABASE_URL)}`
    : `embedded PGlite in ${env.FACTORY_DATA_DIR} (fsync off: for trying and small teams; use DATABASE_URL for production)`;
  return [`Process Factory — ${store}.`, `Logs go to ${logFile}. Type /factory help, or /factory run demo to see a pipeline.`].join('\n');
}

function describeDatabase(url: string): string {
  try {
    const where = describeConnectionString(url);
    return `${where.host}/${where.database}`;
  } catch {
    return '(DATABASE_URL)';
  }
}
