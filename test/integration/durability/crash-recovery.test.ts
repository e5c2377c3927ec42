/**
 * A runner process is killed (SIGKILL: no cleanup, no lease release, maybe a transaction half
 * done) in the middle of clone-factory's five parallel extractors; a new process takes over once
 * the leases run out. Nothing may be lost and nothing may happen twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnChildRunner, type ChildRunner } from '../../support/child-runner-process';
import { testDatabases, OPEN_TIMEOUT_MS, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';
import { expectEveryBlockDoneWithCleanAttempts, expectNoDuplicateEffects } from './run-invariants';

const origin = { platform: 'console' as const, channelId: 'console' };
// clone-factory's extractors simulate 14–20 minutes: at this scale 210–300 ms each.
const TIME_SCALE = 1 / 4_000;
const LEASE_MS = 1_500;
// Child processes load the app's code with tsx: seconds on a quiet machine, far more on a busy one.
const CHILD_TEST_TIMEOUT_MS = 90_000;
const child = { leaseMs: LEASE_MS, pollMs: 100, concurrency: 8, timeScale: TIME_SCALE };

describe.each(testDatabases({ only: 'postgres' }))('a runner killed mid-group on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;
  const children: ChildRunner[] = [];

  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database, { startRunner: false });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    await factory?.stop();
    await database?.close();
  });

  it('GIVEN a runner SIGKILLed while L2-extractors run THEN a new process finishes the run, every lost attempt retried once, nothing twice', async () => {
    const run = await factory.service.createRun({
      templateId: 'clone-factory',
      params: { expert_name: 'Ada Lovelace' },
      simulate: true,
      autonomy: { '*': 'auto' },
      actor: consoleActor,
      origin,
    });
    // The rescuer loads while the victim works, but claims nothing until it is told to start.
    const [victim, rescuer] = await Promise.all([
      spawnChildRunner({ ...child, connectionString: database.connectionString!, owner: 'victim' }),
      spawnChildRunner({ ...child, connectionString: database.connectionString!, owner: 'rescuer', standby: true }),
    ]);
    children.push(victim, rescuer);

    const runningExtractors = () =>
      database.db
        .selectFrom('block_runs')
        .select(['id', 'block_id', 'attempts'])
        .where('run_id', '=', run.id)
        .where('parallel_group', '=', 'L2-extractors')
        .where('status', '=', 'running')
        .execute();
    await eventually(async () => (await runningExtractors()).length >= 2, 'two L2 extractors running in the victim', 20_000);
    await victim.kill();

    // What the dead process left behind: attempts still marked running, leases held by a ghost.
    const orphans = await database.db
      .selectFrom('block_attempts')
      .innerJoin('block_runs', 'block_runs.id', 'block_attempts.block_run_id')
      .select(['block_runs.block_id', 'block_runs.parallel_group', 'block_attempts.block_run_id', 'block_attempts.attempt', 'block_attempts.worker'])
      .where('block_runs.run_id', '=', run.id)
      .where('block_attempts.status', '=', 'running')
      .execute();
    expect(orphans.filter((o) => o.parallel_group === 'L2-extractors').length, 'extractors the victim died running').toBeGreaterThanOrEqual(2);
    expect(new Set(orphans.map((o) => o.worker))).toEqual(new Set(['victim']));

    await rescuer.start();
    await eventually(
      async () => {
        const row = await database.db.selectFrom('runs').select('status').where('id', '=', run.id).executeTakeFirstOrThrow();
        if (row.status === 'running') return false;
        if (row.status !== 'completed') throw new Error(`the run ended ${row.status}:\n${rescuer.stderr()}`);
        return true;
      },
      'the rescuer to complete the run',
      30_000,
    );
    await rescuer.stop();

    const attempts = await expectEveryBlockDoneWithCleanAttempts(database, run.id);
    for (const orphan of orphans) {
      const mine = attempts.filter((a) => a.blockRunId === orphan.block_run_id);
      const killed = mine.find((a) => a.attempt === orphan.attempt)!;
      expect(killed, `the killed attempt of ${orphan.block_id}`).toMatchObject({ status: 'lost', worker: 'victim' });
      expect(mine.at(-1), `the retry of ${orphan.block_id}`).toMatchObject({ attempt: orphan.attempt + 1, status: 'complete', worker: 'rescuer' });
    }
    // Only the orphans were lost, and nobody but the two processes ran anything.
    expect(attempts.filter((a) => a.status === 'lost').length).toBe(orphans.length);
    expect(new Set(attempts.map((a) => a.worker))).toEqual(new Set(['victim', 'rescuer']));

    // Each attempt was executed by one process only: a lost attempt is retried under a new
    // number, never re-run under the old one. (The victim may have died between claiming an
    // attempt and starting it, so its list can be shorter than its attempts.)
    const key = (e: { blockId: string; attempt: number }) => `${e.blockId}#${e.attempt}`;
    const executed = [...victim.executions(), ...rescuer.executions()].map(key);
    expect(executed.length, 'attempts executed twice').toBe(new Set(executed).size);
    expect(attempts.map(key)).toEqual(expect.arrayContaining(executed));
    expect(rescuer.executions().map(key).sort()).toEqual(attempts.filter((a) => a.worker === 'rescuer').map(key).sort());

    await expectNoDuplicateEffects(database, run.id);
    const gates = await database.db.selectFrom('gates').select(['block_id', 'status']).where('run_id', '=', run.id).orderBy('id').execute();
    expect(gates).toEqual([
      { block_id: 'expert-framework-creator', status: 'approved' },
      { block_id: 'gap-analyzer', status: 'approved' },
      { block_id: 'clone-tester', status: 'approved' },
    ]);
  }, CHILD_TEST_TIMEOUT_MS);
});
