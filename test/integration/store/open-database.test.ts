import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError, getRun, migrateToLatest, openDatabase } from '../../../src/store';
import { DEFAULT_TEST_DATABASE_URL, OPEN_TIMEOUT_MS, testDatabases } from '../../support/databases';
import { createTestRun } from '../../support/store-fixtures';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

async function openError(opts: Parameters<typeof openDatabase>[0]): Promise<DatabaseOpenError> {
  const err = await openDatabase(opts).then(
    (db) => db.close().then(() => undefined),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseOpenError);
  return err as DatabaseOpenError;
}

describe('opening PostgreSQL fails with a sentence for the operator', () => {
  it('GIVEN nothing listens on the port THEN it says PostgreSQL is unreachable and how to use PGlite instead', async () => {
    const err = await openError({ databaseUrl: 'postgres://postgres:secret@127.0.0.1:1/factory' });
    expect(err.code).toBe('unreachable');
    expect(err.message).toMatch(/^cannot reach PostgreSQL at 127\.0\.0\.1:1 .*is it running.*Unset DATABASE_URL to use embedded PGlite/);
    expect(err.message).not.toContain('secret');
  });

  it('GIVEN a connection string that is not a URL THEN it shows the expected shape', async () => {
    const err = await openError({ databaseUrl: 'localhost:5432/factory' });
    expect(err.code).toBe('bad-url');
    expect((await openError({ databaseUrl: 'not a url' })).message).toContain('postgres://user:password@host:5432/database');
  });

  it('GIVEN no store at all THEN openDatabase refuses to guess', async () => {
    await expect(openDatabase({})).rejects.toThrow('needs a databaseUrl, a dataDir or memory: true');
  });
});

describe.each(testDatabases({ only: 'postgres' }))('opening $name', () => {
  it('GIVEN a database that does not exist THEN it says how to create it', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL);
    url.pathname = '/pf_no_such_database';
    const err = await openError({ databaseUrl: url.toString() });
    expect(err.code).toBe('no-database');
    expect(err.message).toContain('createdb pf_no_such_database');
  });

  it('GIVEN a test file that leaves a database open THEN the harness guard fails that file', async () => {
    const run = promisify(execFile);
    const result = await run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/support/fixtures/vitest.fixtures.config.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    }).then(
      () => ({ code: 0, output: '' }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain('were left open by this file');
  }, OPEN_TIMEOUT_MS);
});

describe('embedded PGlite in a data directory', () => {
  const parent = mkdtempSync(join(tmpdir(), 'pf-store-'));
  const dataDir = join(parent, 'nested', 'data');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('GIVEN a new directory THEN it is created, a second process is refused, and the data survives a reopen', async () => {
    const first = await openDatabase({ dataDir });
    let runId: string;
    try {
      expect(first.kind).toBe('pglite');
      await migrateToLatest(first.db);
      runId = (await createTestRun(first.db)).run.id;
      // A second opener is refused before PGlite starts: one process per directory.
      const err = await openError({ dataDir });
      expect(err.code).toBe('data-dir');
      expect(err.message).toContain(`another Process Factory (pid ${process.pid}) is using the embedded database in ${dataDir}`);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dataDir, '.process-factory.lock'))).toBe(false);

    // A lock left by a process that no longer exists is taken over.
    writeFileSync(join(dataDir, '.process-factory.lock'), '4194305');
    const second = await openDatabase({ dataDir });
    try {
      expect(await migrateToLatest(second.db)).toEqual([]);
      expect(await getRun(second.db, runId)).toMatchObject({ id: runId, status: 'running' });
    } finally {
      await second.close();
    }
  }, 2 * OPEN_TIMEOUT_MS);
});
