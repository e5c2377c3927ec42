import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';
import { listAuditForRun } from '../../../src/store/audit.store';
import { listBlockRuns } from '../../../src/store/blocks.store';
import { listBlockAttempts } from '../../../src/store/block-attempts.store';

const origin = { platform: 'console' as const, channelId: 'console' };

describe.each(testDatabases())('a demo run on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;

  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database);
  });
  afterAll(async () => {
    await factory?.stop();
    await database?.close();
  });

  it('GIVEN /factory run demo THEN it stops at its gate, retries its threshold, and completes once approved', async () => {
    const created = await factory.service.createRun({ templateId: 'demo', params: {}, simulate: false, actor: consoleActor, origin });
    expect(created.status).toBe('running');
    expect(created.name).toBe('a haiku about deadlines');

    // The run view reads blocks and gates in separate queries; a gate that committed between them
    // shows without its block's metrics, so wait until both reads agree.
    const gate = await eventually(async () => {
      const pending = (await factory.service.getRun(created.id)).pendingGates[0];
      return pending?.metrics.score !== undefined ? pending : null;
    }, 'the draft gate');
    expect(gate.blockId).toBe('draft');
    expect(gate.metrics.score).toBeGreaterThanOrEqual(0.8);

    const blocks = await listBlockRuns(database.db, created.id);
    const draft = blocks.find((b) => b.blockId === 'draft')!;
    expect(draft.retries).toBe(1);
    expect((await listBlockAttempts(database.db, draft.id)).map((a) => a.status)).toEqual(['complete', 'complete']);

    const decided = await factory.service.decideGate({ gateId: gate.id, decision: 'approve', actor: consoleActor }, new Date());
    expect(decided.outcome).toBe('decided');

    const done = await eventually(async () => {
      const run = await factory.service.getRun(created.id);
      return run.status === 'completed' ? run : null;
    }, 'the run to complete');
    expect(done.blocks.every((b) => b.status === 'done')).toBe(true);

    const again = await factory.service.decideGate({ gateId: gate.id, decision: 'reject', reason: 'too late', actor: consoleActor }, new Date());
    expect(again.outcome).toBe('already-decided');
    expect(again.gate.decidedBy?.name).toBe('you');

    const actions = (await listAuditForRun(database.db, created.id, { limit: 200 })).map((e) => e.action);
    expect(actions).toContain('run.created');
    expect(actions).toContain('gate.approved');
    expect(actions).toContain('block.retry');
    expect(actions.filter((a) => a === 'run.completed')).toHaveLength(1);
  });
});
