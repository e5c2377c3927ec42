/**
 * The database test harness: real PGlite and real PostgreSQL, real migrations, one database per
 * test file. Usage:
 *
 *   describe.each(testDatabases())('store on $name', ({ open }) => {
 *     let database: TestDatabaseHandle;
 *     beforeAll(async () => { database = await open(); }, OPEN_TIMEOUT_MS);
 *     afterAll(() => database.close());
 *   });
 *
 * PostgreSQL comes from TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres):
 * each open() creates a fresh database pf_test_<pid>_<random>, migrates it, and close() drops it.
 * When PostgreSQL is unreachable the postgres variant shows up as skipped with a warning, unless
 * REQUIRE_TEST_DATABASE=1 (CI), which fails instead. A database left open fails the file.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, test } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../src/store';
import { probePostgres } from './postgres-probe';
import { openPgliteFromSnapshot } from './pglite-snapshot';

export type TestDatabaseName = 'pglite' | 'postgres';

/** A Database opened by the harness; `connectionString` is set for PostgreSQL (to open a second client). */
export type TestDatabaseHandle = Database & { connectionString?: string };

export interface TestDatabase {
  name: TestDatabaseName;
  open(): Promise<TestDatabaseHandle>;
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A timeout for the hook that opens a database. PGlite starts in ~5 s on an idle machine but far
 * slower when every core is busy (parallel test files), beyond vitest's default hook timeout.
 */
export const OPEN_TIMEOUT_MS = 180_000;

const open = new Set<Database>();
let guardRegistered = false;

/** The databases to run a suite on (both by default). Call at the top of a test file. */
export function testDatabases(opts: { only?: TestDatabaseName } = {}): TestDatabase[] {
  registerLeakGuard();
  const list: TestDatabase[] = [];
  if (opts.only !== 'postgres') list.push({ name: 'pglite', open: openPgliteForTest });
  if (opts.only === 'pglite') return list;
  const url = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const probe = probePostgres(url);
  if (probe.ok) {
    list.push({ name: 'postgres', open: () => openPostgresForTest(url) });
  } else {
    const where = safeUrl(url);
    if (process.env.REQUIRE_TEST_DATABASE === '1') {
      throw new Error(`REQUIRE_TEST_DATABASE=1 but PostgreSQL at ${where} is unreachable (${probe.reason}): start it or fix TEST_DATABASE_URL.`);
    }
    console.warn(`[test databases] PostgreSQL at ${where} is unreachable (${probe.reason}): postgres variants are SKIPPED. Start PostgreSQL or set TEST_DATABASE_URL; CI sets REQUIRE_TEST_DATABASE=1.`);
    describe.skip(`on postgres (skipped: PostgreSQL at ${where} unreachable)`, () => {
      test('postgres variant', () => undefined);
    });
  }
  return list;
}

/** The names of databases currently open through the harness (for the leak guard and its test). */
export function openTestDatabaseCount(): number {
  return open.size;
}

function track(database: Database, onClose?: () => Promise<void>): TestDatabaseHandle {
  open.add(database);
  const close = database.close.bind(database);
  let closing: Promise<void> | undefined;
  return Object.assign(database, {
    close: () =>
      (closing ??= (async () => {
        try {
          await close();
          await onClose?.();
        } finally {
          open.delete(database);
        }
      })()),
  });
}

async function openPgliteForTest(): Promise<TestDatabaseHandle> {
  return track(await openPgliteFromSnapshot());
}

async function openPostgresForTest(baseUrl: string): Promise<TestDatabaseHandle> {
  const name = `pf_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: connectionString, poolMax: 20, applicationName: 'process-factory-test' });
    await migrateToLatest(database.db);
  } catch (err) {
    await admin(baseUrl, `drop database if exists ${name} with (force)`);
    throw err;
  }
  return Object.assign(track(database, () => admin(baseUrl, `drop database if exists ${name} with (force)`)), { connectionString });
}

async function admin(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function registerLeakGuard(): void {
  if (guardRegistered) return;
  guardRegistered = true;
  afterAll(async () => {
    const leaked = [...open];
    if (leaked.length === 0) return;
    await Promise.allSettled(leaked.map((d) => d.close()));
    open.clear();
    throw new Error(
      `${leaked.length} test database(s) (${leaked.map((d) => d.kind).join(', ')}) were left open by this file: close every database you open, e.g. afterAll(() => database.close()).`,
    );
  });
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(invalid TEST_DATABASE_URL)';
  }
}
