/**
 * clone-factory rehearsed end to end: it must stop at each of its three after-gates, with nothing
 * that depends on the gated block started before a person approves, and clone-tester must retry
 * once below its threshold (simulate.scores [0.82, 0.91]) before its gate opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../../src/schema/template';
import { listBlockAttempts } from '../../../src/store/block-attempts.store';
import { listBlockRuns } from '../../../src/store/blocks.store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';
import { countAuditActions, expectEveryBlockDoneWithCleanAttempts, expectNoDuplicateEffects } from './run-invariants';

const origin = { platform: 'console' as const, channelId: 'console' };
// Two hours of simulated work in well under a second of waiting.
const TIME_SCALE = 1 / 20_000;
const GATES_IN_ORDER = ['expert-framework-creator', 'gap-analyzer', 'clone-tester'];

/** Every block that depends on `blockId`, directly or through others. */
function dependentsOf(template: Template, blockId: string): Set<string> {
  const found = new Set<string>();
  const visit = (id: string) => {
    for (const b of template.blocks) {
      if (!found.has(b.id) && b.inputs.depends.some((d) => d.block === id)) {
        found.add(b.id);
        visit(b.id);
      }
    }
  };
  visit(blockId);
  return found;
}

describe.each(testDatabases())('clone-factory rehearsed on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;

  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database, { timeScale: TIME_SCALE, concurrency: 8 });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await factory?.stop();
    await database?.close();
  });

  it('GIVEN a clone-factory run THEN it waits at each of its three gates in order, starts nothing downstream before approval, and completes', async () => {
    const template = factory.ctx.catalog.get('clone-factory');
    const created = await factory.service.createRun({ templateId: 'clone-factory', params: { expert_name: 'Ada Lovelace' }, simulate: true, actor: consoleActor, origin });
    const decidedAt = new Map<string, Date>();

    for (const gatedBlock of GATES_IN_ORDER) {
      // Settled: a pending gate, and nothing ready or running (readiness is decided in the same
      // transaction that finishes a block, so this state cannot be a moment between two steps).
      const settled = await eventually(async () => {
        const run = await factory.service.getRun(created.id);
        const busy = run.blocks.some((b) => b.status === 'ready' || b.status === 'running');
        return !busy && run.pendingGates.length > 0 ? run : null;
      }, `the run to wait at ${gatedBlock}`);
      expect(settled.status).toBe('running');
      expect(settled.pendingGates.map((g) => g.blockId)).toEqual([gatedBlock]);

      const downstream = dependentsOf(template, gatedBlock);
      const unfinished = settled.blocks.filter((b) => b.status !== 'done');
      expect(unfinished.find((b) => b.id === gatedBlock)?.status).toBe('waiting');
      expect(new Set(unfinished.filter((b) => b.id !== gatedBlock).map((b) => b.id))).toEqual(downstream);
      expect(unfinished.filter((b) => b.id !== gatedBlock).every((b) => b.status === 'pending' && b.attempts === 0 && b.startedAt === null)).toBe(true);

      const gate = settled.pendingGates[0]!;
      const decided = await factory.service.decideGate({ gateId: gate.id, decision: 'approve', actor: consoleActor }, new Date());
      expect(decided.outcome).toBe('decided');
      decidedAt.set(gatedBlock, decided.gate.decidedAt!);
    }

    await eventually(async () => ((await factory.service.getRun(created.id)).status === 'completed' ? true : null), 'the run to complete');
    await expectEveryBlockDoneWithCleanAttempts(database, created.id);
    await expectNoDuplicateEffects(database, created.id);

    // Nothing downstream of a gate started before its approval, even briefly.
    const blocks = await listBlockRuns(database.db, created.id);
    for (const [gatedBlock, at] of decidedAt) {
      for (const id of dependentsOf(template, gatedBlock)) {
        const first = (await listBlockAttempts(database.db, blocks.find((b) => b.blockId === id)!.id))[0]!;
        expect(first.startedAt.getTime(), `${id} started after ${gatedBlock} was approved`).toBeGreaterThanOrEqual(at.getTime());
      }
    }

    const gates = await database.db.selectFrom('gates').select(['block_id', 'status', 'attempt']).where('run_id', '=', created.id).orderBy('id').execute();
    expect(gates).toEqual([
      { block_id: 'expert-framework-creator', status: 'approved', attempt: 1 },
      { block_id: 'gap-analyzer', status: 'approved', attempt: 1 },
      { block_id: 'clone-tester', status: 'approved', attempt: 2 },
    ]);

    // clone-tester scored 0.82 (below 0.85): retried once, passed with 0.91, then went to its gate.
    const tester = blocks.find((b) => b.blockId === 'clone-tester')!;
    expect(tester).toMatchObject({ retries: 1, attempts: 2, score: 0.91 });
    const testerAttempts = await listBlockAttempts(database.db, tester.id);
    expect(testerAttempts.map((a) => [a.status, a.outcome?.kind === 'complete' ? a.outcome.metrics.score : null])).toEqual([
      ['complete', 0.82],
      ['complete', 0.91],
    ]);
    const actions = await countAuditActions(database, created.id);
    expect(actions).toMatchObject({ 'gate.opened': 3, 'gate.approved': 3, 'block.retry': 1, 'run.completed': 1 });
  }, 60_000);
});
