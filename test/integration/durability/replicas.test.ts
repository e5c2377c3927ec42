/**
 * Two runner processes on one PostgreSQL share one wide run. SKIP LOCKED claims must hand every
 * attempt to exactly one of them, both must get work, and the run must complete exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunService } from '../../../src/runner/run-service';
import { TemplateCatalog } from '../../../src/runner/template-catalog';
import { spawnChildRunner, type ChildRunner } from '../../support/child-runner-process';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';
import { countAuditActions, expectEveryBlockDoneWithCleanAttempts, expectNoDuplicateEffects } from './run-invariants';
import { wideTemplate } from './wide-template';

const origin = { platform: 'console' as const, channelId: 'console' };
const WIDTH = 60;
// Child processes load the app's code with tsx: seconds on a quiet machine, far more on a busy one.
const CHILD_TEST_TIMEOUT_MS = 90_000;
// Few slots per replica and blocks that take a while, so neither can drain the run alone before
// the other looks; a long lease, so that a slow machine never makes one replica recover the other.
const replica = { concurrency: 4, leaseMs: 30_000, pollMs: 200, timeScale: 1 };

describe.each(testDatabases({ only: 'postgres' }))('two runner replicas on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;
  let replicas: ChildRunner[] = [];

  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database, { startRunner: false });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.kill()));
    await factory?.stop();
    await database?.close();
  });

  it(`GIVEN ${WIDTH} independent blocks and a join THEN each attempt is claimed by one replica, both work, and the run completes once`, async () => {
    const template = wideTemplate(WIDTH, '100ms');
    const service = new RunService({ ...factory.ctx, catalog: TemplateCatalog.fromTemplates([template]) });
    replicas = await Promise.all(
      ['replica-a', 'replica-b'].map((owner) => spawnChildRunner({ ...replica, connectionString: database.connectionString!, owner })),
    );
    // Created once both listen: the commit's NOTIFY wakes them together.
    const run = await service.createRun({ templateId: template.id, params: {}, simulate: false, actor: consoleActor, origin });
    await eventually(
      async () => {
        const row = await database.db.selectFrom('runs').select('status').where('id', '=', run.id).executeTakeFirstOrThrow();
        if (row.status !== 'running' && row.status !== 'completed') throw new Error(`the run ended ${row.status}:\n${replicas.map((r) => r.stderr()).join('\n')}`);
        return row.status === 'completed';
      },
      'the replicas to complete the run',
      30_000,
    );
    await Promise.all(replicas.map((r) => r.stop()));

    const attempts = await expectEveryBlockDoneWithCleanAttempts(database, run.id);
    // Nothing failed, nothing was lost: one attempt per block, run by one of the two replicas.
    expect(attempts).toHaveLength(WIDTH + 1);
    expect(attempts.every((a) => a.attempt === 1 && a.status === 'complete')).toBe(true);
    const byWorker = new Map<string, number>();
    for (const a of attempts) byWorker.set(a.worker, (byWorker.get(a.worker) ?? 0) + 1);
    expect([...byWorker.keys()].sort()).toEqual(['replica-a', 'replica-b']);

    // No attempt ran in both processes, even one whose result would have been refused.
    const executed = replicas.flatMap((r) => r.executions().map((e) => `${e.blockId}#${e.attempt}`));
    expect(executed.sort()).toEqual(attempts.map((a) => `${a.blockId}#${a.attempt}`).sort());
    for (const r of replicas) expect(r.executions().length, `attempts executed by ${r.owner}`).toBe(byWorker.get(r.owner));

    expect(await countAuditActions(database, run.id)).toMatchObject({ 'run.completed': 1, 'block.complete': WIDTH + 1 });
    await expectNoDuplicateEffects(database, run.id);
  }, CHILD_TEST_TIMEOUT_MS);
});
