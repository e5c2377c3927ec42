import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, listAuditForRun, listMigrations, migrateToLatest } from '../../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { T0, at, createTestRun, testActor } from '../../support/store-fixtures';

describe.each(testDatabases())('migrations and the audit log on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());

  it('GIVEN a migrated database THEN migrating again applies nothing, twice', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    expect(await migrateToLatest(database.db)).toEqual([]);
    const status = await listMigrations(database.db);
    expect(status.length).toBeGreaterThanOrEqual(5);
    expect(status.every((m) => m.executedAt instanceof Date)).toBe(true);
  });

  it('GIVEN the schema THEN every table exists with snake_case names', async () => {
    const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(database.db);
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['artifacts', 'audit_log', 'block_attempts', 'block_runs', 'escalation_steps', 'gates', 'message_refs', 'outbox', 'run_channels', 'runs', 'schedule_fires', 'schedules']),
    );
  });

  describe('audit_log is append-only', () => {
    let runId: string;
    beforeAll(async () => {
      runId = (await createTestRun(database.db)).run.id;
      await appendAudit(database.db, { at: T0, actor: testActor(), action: 'run.created', entityType: 'run', entityId: runId, runId, changes: { from: null, to: 'running' } });
    });

    it('GIVEN an entry THEN it reads back with actor, action and changes', async () => {
      await appendAudit(database.db, {
        at: at(1000),
        actor: testActor('Bo', { platform: 'slack' }),
        action: 'gate.approved',
        entityType: 'gate',
        entityId: '9',
        runId,
        metadata: { note: 'looks right' },
      });
      const entries = await listAuditForRun(database.db, runId);
      expect(entries.map((e) => e.action)).toEqual(['run.created', 'gate.approved']);
      expect(entries[0]).toMatchObject({ actor: { name: 'Ana', platform: 'discord', type: 'human' }, changes: { from: null, to: 'running' }, at: T0 });
      expect(entries[1]).toMatchObject({ actor: { name: 'Bo', platform: 'slack' }, metadata: { note: 'looks right' }, changes: null });
    });

    it.each([
      ['UPDATE', sql`update audit_log set action = 'tampered'`],
      ['UPDATE', sql`update audit_log set action = 'tampered' where false`],
      ['DELETE', sql`delete from audit_log`],
      ['TRUNCATE', sql`truncate audit_log`],
    ])('GIVEN entries WHEN someone runs %s THEN the database refuses with a clear message', async (op, statement) => {
      await expect(statement.execute(database.db)).rejects.toThrow(`audit_log is append-only: ${op} is not allowed`);
      expect((await listAuditForRun(database.db, runId)).length).toBeGreaterThanOrEqual(1);
    });

    it('GIVEN the test reset helper THEN it empties the tables, the audit log included', async () => {
      await resetDatabase(database);
      expect(await listAuditForRun(database.db, runId)).toEqual([]);
      const { rows } = await sql<{ n: string }>`select count(*) as n from runs`.execute(database.db);
      expect(rows[0]?.n).toBe('0');
      // The trigger is back on for everyone else.
      await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    });
  });
});
