import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { issueApiToken } from '../../src/api/auth/issue-token';
import { createFactoryApp, type FactoryApp } from '../../src/app';
import { readEnv } from '../../src/config';
import { EMPTY_FILE_CONFIG } from '../../src/config-file';
import type { Role } from '../../src/domain/statuses';
import type { ApiScope } from '../../src/store/api-tokens.store';
import { migrateToLatest, openDatabase, type Database } from '../../src/store';
import type { TestDatabaseName } from './databases';
import { consoleActor } from './factory-harness';

export const TEMPLATES_DIR = new URL('../../templates', import.meta.url).pathname;

/**
 * Opens the same database again and again, as a restarted bot would: PostgreSQL through its
 * connection string, PGlite from a data directory of its own (one process at a time).
 */
export function reopener(name: TestDatabaseName, connectionString?: string): () => Promise<Database> {
  const dataDir = name === 'pglite' ? mkdtempSync(join(tmpdir(), 'pf-live-')) : undefined;
  return async () => {
    const database = await openDatabase(connectionString ? { databaseUrl: connectionString, poolMax: 20 } : { dataDir });
    await migrateToLatest(database.db);
    return database;
  };
}

/** The whole bot (createFactoryApp: runner, outbox, REST, SSE, MCP), headless, on port 0. */
export async function startLiveApp(database: Database, env: Record<string, string> = {}): Promise<{ app: FactoryApp; base: string }> {
  const app = await createFactoryApp({
    env: readEnv({ FACTORY_TEMPLATES_DIR: TEMPLATES_DIR, SIMULATE_TIME_SCALE: '0.0005', EVENTS_POLL_MS: '200', ESCALATION_CRON: '0 0 1 1 *', ...env }),
    fileConfig: EMPTY_FILE_CONFIG,
    log: pino({ level: 'silent' }),
    adapters: [],
    database,
  });
  const port = await app.start(0);
  return { app, base: `http://127.0.0.1:${port}` };
}

export async function liveToken(database: Database, name: string, role: Role, scopes: ApiScope[], agent = false): Promise<string> {
  return (await issueApiToken(database, { name, role, scopes, agent, actor: consoleActor }, new Date())).secret;
}
