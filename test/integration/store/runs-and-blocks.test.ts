import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockState, GateState } from '../../../src/domain/run';
import { applyActions } from '../../../src/engine/apply-action';
import type { EngineAction, RunSnapshot } from '../../../src/engine/types';
import {
  applyEngineAction,
  applyEngineActions,
  cancelOpenBlocks,
  claimReadyBlocks,
  decideGate,
  endRun,
  getRun,
  listActiveRuns,
  listBlockAttempts,
  loadRunState,
  recordAttemptOutcome,
  setRunAutonomy,
  transaction,
} from '../../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { T0, at, createTestRun, testActor } from '../../support/store-fixtures';

/** What the engine's reference and the store must agree on. */
const blockFacts = (b: BlockState) => ({
  blockId: b.blockId,
  status: b.status,
  attempts: b.attempts,
  retries: b.retries,
  reworks: b.reworks,
  clarifications: b.clarifications,
  outcome: b.outcome ?? null,
  score: b.score ?? null,
  error: b.error ?? null,
});
const gateFacts = (g: GateState) => `${g.blockId}/${g.position}/${g.kind}/${g.attempt}:${g.status}${g.settled ? ':settled' : ''}`;

describe.each(testDatabases())('runs and blocks on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());

  /** Applies `actions` to the store and to the engine's pure reference; both must end in the same state. */
  async function applyAndCompare(runId: string, actions: EngineAction[], now: Date): Promise<RunSnapshot> {
    const before = (await loadRunState(database.db, runId))!.snapshot;
    let n = 0;
    const expected = applyActions(before, actions, () => `new-${n++}`);
    await transaction(database, async (trx) => {
      await loadRunState(trx, runId, { lock: true });
      await applyEngineActions(trx, runId, actions, { now });
    });
    const after = (await loadRunState(database.db, runId))!.snapshot;
    expect(after.status).toBe(expected.status);
    expect(after.blocks.map(blockFacts)).toEqual(expected.blocks.map(blockFacts));
    expect(after.gates.map(gateFacts).sort()).toEqual(expected.gates.map(gateFacts).sort());
    return after;
  }

  it('GIVEN a new run THEN it reads back with string ids, the template snapshot and its creator', async () => {
    const { run, blocks } = await createTestRun(database.db, { params: { expert_name: 'Ada' } });
    expect(run.id).toMatch(/^\d+$/);
    expect(blocks.map((b) => [typeof b.id, b.blockId, b.status, b.parallelGroup])).toEqual([
      ['string', 'a', 'pending', null],
      ['string', 'b', 'pending', 'g'],
      ['string', 'c', 'pending', 'g'],
    ]);
    const stored = await getRun(database.db, run.id);
    expect(stored).toMatchObject({
      templateId: 'test-pipeline',
      templateVersion: '3',
      status: 'running',
      params: { expert_name: 'Ada' },
      createdBy: 'Ana',
      creator: { id: 'U-ana', platform: 'discord' },
      origin: { platform: 'discord', channelId: 'C1' },
      createdAt: T0,
    });
    expect(stored!.template.blocks.map((b) => b.id)).toEqual(['a', 'b', 'c']);
    expect((await listActiveRuns(database.db)).map((r) => r.id)).toContain(run.id);
  });

  it('GIVEN a running run WHEN it ends twice THEN the first end is final', async () => {
    const { run } = await createTestRun(database.db);
    expect(await endRun(database.db, run.id, { status: 'cancelled', now: at(5), reason: 'by Ana' })).toMatchObject({ status: 'cancelled', endedAt: at(5), endReason: 'by Ana' });
    expect(await endRun(database.db, run.id, { status: 'failed', now: at(6), reason: 'late' })).toBeUndefined();
    expect(await getRun(database.db, run.id)).toMatchObject({ status: 'cancelled', endReason: 'by Ana' });
    expect((await listActiveRuns(database.db)).map((r) => r.id)).not.toContain(run.id);
    expect(await setRunAutonomy(database.db, run.id, { '*': 'guided' }, at(7))).toMatchObject({ autonomy: { '*': 'guided' }, updatedAt: at(7) });
  });

  it('GIVEN every engine action THEN the store ends where the engine reference says, step by step', async () => {
    const { run } = await createTestRun(database.db);
    const owner = 'worker-1';
    await applyAndCompare(run.id, [{ type: 'start-block', blockId: 'a', attempt: 1, cause: 'initial' }], at(1));

    const [claimed] = await transaction(database, (trx) => claimReadyBlocks(trx, { owner, now: at(2), leaseMs: 60_000, limit: 5 }));
    expect(claimed).toMatchObject({ blockId: 'a', status: 'running', attempts: 1, leaseOwner: owner });
    await recordAttemptOutcome(database.db, { blockRunId: claimed!.id, attempt: 1, outcome: { kind: 'complete', metrics: { score: 0.9 } }, now: at(3), owner });

    // After-gate opens: the block waits, the outcome stays for the score.
    let snap = await applyAndCompare(run.id, [{ type: 'open-gate', blockId: 'a', position: 'after', kind: 'approval', attempt: 1, mode: 'gate' }], at(4));
    const gateA = snap.gates.find((g) => g.blockId === 'a')!;
    await decideGate(database.db, { gateId: gateA.id, status: 'approved', actor: testActor(), via: 'button', now: at(5) });
    await applyAndCompare(run.id, [{ type: 'complete-block', blockId: 'a', score: 0.9, gateId: gateA.id }, { type: 'settle-gate', gateId: gateA.id }], at(6));

    // An auto before-gate is stored approved by the system; retries and reworks count.
    await applyAndCompare(
      run.id,
      [
        { type: 'start-block', blockId: 'b', attempt: 1, cause: 'initial' },
        { type: 'open-gate', blockId: 'c', position: 'before', kind: 'approval', attempt: 1, mode: 'auto' },
      ],
      at(7),
    );
    await applyAndCompare(run.id, [{ type: 'retry-block', blockId: 'b', attempt: 2, reason: 'score 0.7 below 0.85' }], at(8));
    await applyAndCompare(run.id, [{ type: 'rework-block', blockId: 'b', attempt: 3, feedback: 'cite sources', gateId: gateA.id }], at(9));
    snap = await applyAndCompare(run.id, [{ type: 'open-gate', blockId: 'b', position: 'after', kind: 'clarification', attempt: 3, mode: 'gate', question: 'Which market?' }], at(10));
    await applyAndCompare(run.id, [{ type: 'open-gate', blockId: 'c', position: 'after', kind: 'task', attempt: 2, mode: 'gate' }], at(11));
    await applyAndCompare(
      run.id,
      [
        { type: 'fail-block', blockId: 'c', reason: 'the task was rejected' },
        { type: 'block-block', blockId: 'b', waitingOn: ['c'] },
        { type: 'unblock-block', blockId: 'b' },
        { type: 'skip-block', blockId: 'b', reason: 'its dependency will not run' },
      ],
      at(12),
    );
    snap = await applyAndCompare(run.id, [{ type: 'fail-run', reason: 'c failed', failedBlocks: ['c'] }], at(13));
    expect(snap.status).toBe('failed');

    const state = (await loadRunState(database.db, run.id))!;
    expect(state.blocks.find((b) => b.blockId === 'b')!.feedback).toBe('cite sources');
    expect(state.gates.find((g) => g.blockId === 'c' && g.position === 'before')).toMatchObject({ status: 'approved', decidedVia: 'autonomy', decidedBy: { type: 'system' } });
    expect(state.gates.find((g) => g.kind === 'clarification')).toMatchObject({ question: 'Which market?', status: 'pending', openedAt: at(10) });
    expect(state.run).toMatchObject({ endedAt: at(13), endReason: 'c failed' });
  });

  it('GIVEN an action applied twice THEN it counts once and never re-readies a claimed block', async () => {
    const { run } = await createTestRun(database.db);
    const retry: EngineAction = { type: 'retry-block', blockId: 'a', attempt: 2, reason: 'flaky' };
    await transaction(database, async (trx) => {
      expect((await applyEngineAction(trx, run.id, retry, { now: at(1) })).changed).toBe(true);
      expect((await applyEngineAction(trx, run.id, retry, { now: at(1) })).changed).toBe(false);
    });
    await transaction(database, (trx) => claimReadyBlocks(trx, { owner: 'w', now: at(2), leaseMs: 1000, limit: 10 }));
    const start: EngineAction = { type: 'start-block', blockId: 'a', attempt: 2, cause: 'initial' };
    expect((await applyEngineAction(database.db, run.id, start, { now: at(3) })).changed).toBe(false);
    const a = (await loadRunState(database.db, run.id))!.blocks.find((b) => b.blockId === 'a')!;
    expect(a).toMatchObject({ status: 'running', retries: 1, attempts: 2 });

    const gate: EngineAction = { type: 'open-gate', blockId: 'b', position: 'after', kind: 'clarification', attempt: 1, mode: 'gate' };
    const first = await applyEngineAction(database.db, run.id, gate, { now: at(4), gateOpening: () => ({ priority: 'high', deadlineAt: at(100), nextEscalationAt: at(50) }) });
    const again = await applyEngineAction(database.db, run.id, gate, { now: at(5) });
    expect(first).toMatchObject({ changed: true, gate: { priority: 'high', deadlineAt: at(100), nextEscalationAt: at(50) } });
    expect(again).toMatchObject({ changed: false, gate: { id: first.gate!.id } });
    expect((await loadRunState(database.db, run.id))!.blocks.find((b) => b.blockId === 'b')!.clarifications).toBe(1);
  });

  it('GIVEN a running attempt THEN only its lease holder records the outcome, once, with usage', async () => {
    const { run } = await createTestRun(database.db);
    await applyEngineAction(database.db, run.id, { type: 'start-block', blockId: 'a', attempt: 1, cause: 'initial' }, { now: at(1) });
    const [block] = await transaction(database, (trx) => claimReadyBlocks(trx, { owner: 'w1', now: at(2), leaseMs: 1000, limit: 1 }));
    const outcome = { kind: 'failed' as const, error: 'HTTP 529', retryable: true };
    const usage = { inputTokens: 1200, outputTokens: 300, costUsd: 0.0123, model: 'sonnet' };
    expect(await recordAttemptOutcome(database.db, { blockRunId: block!.id, attempt: 1, outcome, now: at(3), owner: 'w2' })).toBeUndefined();
    expect(await recordAttemptOutcome(database.db, { blockRunId: block!.id, attempt: 2, outcome, now: at(3), owner: 'w1' })).toBeUndefined();
    const recorded = await recordAttemptOutcome(database.db, { blockRunId: block!.id, attempt: 1, outcome, now: at(3), owner: 'w1', usage });
    expect(recorded).toMatchObject({ status: 'running', outcome, leaseOwner: null, leaseExpiresAt: null, inputTokens: 1200, outputTokens: 300, costUsd: 0.0123 });
    expect(await recordAttemptOutcome(database.db, { blockRunId: block!.id, attempt: 1, outcome, now: at(4), owner: 'w1' })).toBeUndefined();
    expect(await listBlockAttempts(database.db, block!.id)).toMatchObject([
      { attempt: 1, worker: 'w1', status: 'failed', startedAt: at(2), endedAt: at(3), outcome, usage },
    ]);
  });

  it('GIVEN a cancelled run THEN its unfinished blocks and running attempts are cancelled', async () => {
    const { run } = await createTestRun(database.db);
    await applyEngineAction(database.db, run.id, { type: 'start-block', blockId: 'a', attempt: 1, cause: 'initial' }, { now: at(1) });
    const [block] = await transaction(database, (trx) => claimReadyBlocks(trx, { owner: 'w', now: at(2), leaseMs: 1000, limit: 1 }));
    expect((await cancelOpenBlocks(database.db, run.id, at(3))).sort()).toEqual(['a', 'b', 'c']);
    expect((await listBlockAttempts(database.db, block!.id))[0]).toMatchObject({ status: 'cancelled', endedAt: at(3) });
    const outcome = { kind: 'complete' as const, metrics: {} };
    expect(await recordAttemptOutcome(database.db, { blockRunId: block!.id, attempt: 1, outcome, now: at(4), owner: 'w' })).toBeUndefined();
  });
});
