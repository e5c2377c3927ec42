import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEngineAction, findBlockRun, listBlockAttempts, transaction } from '../../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { startFactory } from '../../support/factory-harness';
import { at, createTestRun } from '../../support/store-fixtures';

/**
 * A ready block whose run row is gone (deleted with foreign-key triggers off, the one way to
 * leave a block without its run): the runner claims it and must settle the claim at once, not
 * hold it `running` until the lease expires.
 */
describe.each(testDatabases())('a claimed block whose run vanished, on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());

  it('GIVEN its run row is gone WHEN the runner claims it THEN the block is failed at once, its lease released, and an audit row says why', async () => {
    const { run } = await createTestRun(database.db, { now: at(0) });
    await applyEngineAction(database.db, run.id, { type: 'start-block', blockId: 'a', attempt: 1, cause: 'initial' }, { now: at(0) });
    await transaction(database, async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`delete from runs where id = ${run.id}`.execute(trx);
    });
    const factory = await startFactory(database, { startRunner: false });
    try {
      factory.runner.start();
      await factory.runner.idle();
    } finally {
      await factory.stop();
    }
    const block = await findBlockRun(database.db, run.id, 'a');
    expect(block).toMatchObject({ status: 'failed', leaseOwner: null, leaseExpiresAt: null, error: `run ${run.id} no longer exists` });
    expect(block!.outcome).toEqual({ kind: 'failed', error: `run ${run.id} no longer exists`, retryable: false });
    expect(await listBlockAttempts(database.db, block!.id)).toMatchObject([{ attempt: 1, status: 'failed' }]);
    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'block.orphaned').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'system', entity_type: 'block', entity_id: 'a', run_id: null });
    expect(audit[0]!.metadata).toMatchObject({ runId: run.id, blockRunId: block!.id, attempt: 1 });
  });
});
