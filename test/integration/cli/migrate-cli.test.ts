import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteDataDir } from '../../../src/config';
import { listMigrations, openDatabase } from '../../../src/store';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'factory-migrate-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function migrate(...args: string[]) {
  const env = { ...process.env, FACTORY_DATA_DIR: dataDir, DATABASE_URL: '' };
  return spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['src/cli/migrate.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
}

describe('npm run migrate on the embedded database', () => {
  it('GIVEN an empty data dir WHEN migrate runs THEN it migrates the PGlite folder the bot opens, and a second run has nothing to do', async () => {
    const first = migrate();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('applied 0001_runs_and_blocks');
    expect(existsSync(pgliteDataDir({ FACTORY_DATA_DIR: dataDir }))).toBe(true);

    const database = await openDatabase({ dataDir: pgliteDataDir({ FACTORY_DATA_DIR: dataDir }) });
    try {
      const migrations = await listMigrations(database.db);
      expect(migrations.length).toBeGreaterThan(0);
      expect(migrations.filter((m) => !m.executedAt)).toEqual([]);
    } finally {
      await database.close();
    }

    const second = migrate('--status');
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('pending');
  }, 180_000);
});
