import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GateRecord } from '../../../src/domain/records';
import {
  cancelPendingGates,
  claimGate,
  decideGate,
  insertEscalationStep,
  insertGate,
  listEscalationSteps,
  listGatesDueForEscalation,
  listPendingGates,
  setGateEscalation,
  settleGate,
  snoozeGate,
  transaction,
  unclaimGate,
  type NewGate,
} from '../../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { at, createTestRun, testActor } from '../../support/store-fixtures';

describe.each(testDatabases())('gates on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let runId: string;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());
  beforeEach(async () => {
    await resetDatabase(database);
    runId = (await createTestRun(database.db)).run.id;
  });

  let attempt = 0;
  const openGate = async (overrides: Partial<NewGate> = {}): Promise<GateRecord> =>
    (await insertGate(database.db, { runId, blockId: 'a', position: 'after', kind: 'approval', attempt: ++attempt, mode: 'gate', now: at(0), ...overrides })).gate;

  it('GIVEN 50 concurrent decisions on one gate THEN exactly one wins and the other 49 learn who decided and when', async () => {
    const gate = await openGate();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        decideGate(database.db, {
          gateId: gate.id,
          status: i % 2 === 0 ? 'approved' : 'rejected',
          actor: testActor(`reviewer-${i}`),
          via: 'button',
          reason: `reason ${i}`,
          now: at(1000 + i),
        }),
      ),
    );
    const winners = results.filter((r) => r.outcome === 'decided');
    const losers = results.filter((r) => r.outcome === 'already-decided');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    const won = winners[0]!.gate;
    for (const loser of losers) {
      expect(loser.gate).toMatchObject({ status: won.status, decidedAt: won.decidedAt, decidedBy: won.decidedBy, reason: won.reason, decidedVia: 'button' });
    }
    expect(won.nextEscalationAt).toBeNull();
    expect(await decideGate(database.db, { gateId: '999999', status: 'approved', actor: testActor(), via: 'command', now: at(0) })).toEqual({ outcome: 'not-found' });
  });

  it('GIVEN the same gate opened twice THEN one row exists', async () => {
    const first = await insertGate(database.db, { runId, blockId: 'b', position: 'before', kind: 'approval', attempt: 1, mode: 'gate', now: at(0) });
    const second = await insertGate(database.db, { runId, blockId: 'b', position: 'before', kind: 'approval', attempt: 1, mode: 'gate', now: at(9) });
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.gate).toMatchObject({ id: first.gate.id, openedAt: at(0), priority: 'medium', settled: false, escalationLevel: 0 });
  });

  it('GIVEN a decided gate THEN settling works once, and never on a pending gate', async () => {
    const gate = await openGate();
    expect(await settleGate(database.db, gate.id)).toBe(false);
    await decideGate(database.db, { gateId: gate.id, status: 'approved', actor: testActor(), via: 'button', now: at(1) });
    expect(await settleGate(database.db, gate.id)).toBe(true);
    expect(await settleGate(database.db, gate.id)).toBe(false);
  });

  it('GIVEN claims THEN a gate has one claimant unless reassigned, and decided gates cannot be claimed', async () => {
    const gate = await openGate();
    const ana = testActor('Ana');
    const bo = testActor('Bo');
    expect(await claimGate(database.db, { gateId: gate.id, actor: ana, now: at(1) })).toMatchObject({ outcome: 'claimed', gate: { claimedBy: ana.id, claimant: ana, claimedAt: at(1) } });
    expect(await claimGate(database.db, { gateId: gate.id, actor: bo, now: at(2) })).toMatchObject({ outcome: 'claimed-by-other', gate: { claimedBy: ana.id } });
    expect(await claimGate(database.db, { gateId: gate.id, actor: ana, now: at(3) })).toMatchObject({ outcome: 'claimed' });
    expect(await claimGate(database.db, { gateId: gate.id, actor: bo, now: at(4), reassign: true })).toMatchObject({ outcome: 'claimed', gate: { claimedBy: bo.id } });
    expect(await unclaimGate(database.db, gate.id)).toMatchObject({ claimedBy: null, claimant: null, claimedAt: null });
    await decideGate(database.db, { gateId: gate.id, status: 'rejected', actor: bo, via: 'modal', reason: 'no', now: at(5) });
    expect(await claimGate(database.db, { gateId: gate.id, actor: ana, now: at(6) })).toMatchObject({ outcome: 'not-pending' });
    expect(await claimGate(database.db, { gateId: '424242', actor: ana, now: at(6) })).toEqual({ outcome: 'not-found' });
  });

  it('GIVEN gates in every state THEN the escalation sweep sees only pending gates that are due, soonest first', async () => {
    const dueLater = await openGate({ nextEscalationAt: at(500) });
    const dueFirst = await openGate({ nextEscalationAt: at(100) });
    const dueExactlyNow = await openGate({ nextEscalationAt: at(1000) });
    await openGate({ nextEscalationAt: at(1001) }); // not due yet
    await openGate({ nextEscalationAt: null }); // ladder finished
    const decided = await openGate({ nextEscalationAt: at(50) });
    await decideGate(database.db, { gateId: decided.id, status: 'approved', actor: testActor(), via: 'button', now: at(60) });
    // Even a decided gate with a stale escalation time is not swept.
    await sql`update gates set next_escalation_at = ${at(10)} where id = ${decided.id}`.execute(database.db);

    const due = await transaction(database, (trx) => listGatesDueForEscalation(trx, { now: at(1000) }));
    expect(due.map((g) => g.id)).toEqual([dueFirst.id, dueLater.id, dueExactlyNow.id]);
    const limited = await transaction(database, (trx) => listGatesDueForEscalation(trx, { now: at(1000), limit: 1 }));
    expect(limited.map((g) => g.id)).toEqual([dueFirst.id]);

    expect(await setGateEscalation(database.db, { gateId: dueFirst.id, level: 2, nextEscalationAt: at(5000) })).toBe(true);
    expect(await setGateEscalation(database.db, { gateId: decided.id, level: 2, nextEscalationAt: at(5000) })).toBe(false);
    const after = await transaction(database, (trx) => listGatesDueForEscalation(trx, { now: at(1000) }));
    expect(after.map((g) => g.id)).toEqual([dueLater.id, dueExactlyNow.id]);
  });

  it('GIVEN the due query THEN it can be served by the partial index over pending gates', async () => {
    const plan = await transaction(database, async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`
        explain select * from gates where status = 'pending' and next_escalation_at <= ${at(0)}
        order by next_escalation_at limit 100 for update skip locked`.execute(trx);
      return rows.map((r) => Object.values(r).join(' ')).join('\n');
    });
    expect(plan).toContain('gates_escalation_due_idx');
  });

  it('GIVEN a snooze THEN reminders move later, never earlier, and a finished ladder stays finished', async () => {
    const soon = await openGate({ nextEscalationAt: at(100) });
    const late = await openGate({ nextEscalationAt: at(9000) });
    const finished = await openGate({ nextEscalationAt: null });
    expect(await snoozeGate(database.db, { gateId: soon.id, until: at(3000) })).toMatchObject({ snoozedUntil: at(3000), nextEscalationAt: at(3000) });
    expect(await snoozeGate(database.db, { gateId: late.id, until: at(3000) })).toMatchObject({ nextEscalationAt: at(9000) });
    expect(await snoozeGate(database.db, { gateId: finished.id, until: at(3000) })).toMatchObject({ nextEscalationAt: null });
  });

  it('GIVEN a ladder step fired by several sweepers at once THEN exactly one of them gets to send it', async () => {
    const gate = await openGate();
    const step = { gateId: gate.id, stepKey: `${gate.id}:3:0`, level: 3, action: 'mention', dueAt: at(100), now: at(120) };
    const results = await Promise.all(Array.from({ length: 10 }, () => insertEscalationStep(database.db, step)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await listEscalationSteps(database.db, gate.id)).toMatchObject([{ stepKey: `${gate.id}:3:0`, level: 3, action: 'mention', dueAt: at(100), firedAt: at(120) }]);
  });

  it('GIVEN pending gates THEN they list most urgent first, per run or all, and a cancelled run cancels them', async () => {
    const low = await openGate({ priority: 'low', now: at(1) });
    const highLate = await openGate({ priority: 'high', now: at(5) });
    const highEarly = await openGate({ priority: 'high', now: at(2) });
    const critical = await openGate({ priority: 'critical', now: at(9) });
    const other = (await createTestRun(database.db)).run.id;
    const elsewhere = await openGate({ runId: other });
    expect((await listPendingGates(database.db, { runId })).map((g) => g.id)).toEqual([critical.id, highEarly.id, highLate.id, low.id]);
    expect((await listPendingGates(database.db)).map((g) => g.id)).toContain(elsewhere.id);
    const cancelled = await cancelPendingGates(database.db, runId, { actor: testActor(), via: 'command', reason: 'run cancelled', now: at(20) });
    expect(cancelled).toHaveLength(4);
    expect(cancelled.every((g) => g.status === 'cancelled' && g.nextEscalationAt === null)).toBe(true);
    expect((await listPendingGates(database.db)).map((g) => g.id)).toEqual([elsewhere.id]);
  });
});

describe.each(testDatabases({ only: 'postgres' }))('concurrent escalation sweeps on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());

  it('GIVEN two sweeps with open transactions at once THEN they lock disjoint due gates', async () => {
    const runId = (await createTestRun(database.db)).run.id;
    for (let i = 1; i <= 6; i++) await insertGate(database.db, { runId, blockId: 'a', position: 'after', kind: 'approval', attempt: i, mode: 'gate', now: at(0), nextEscalationAt: at(i) });
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>((resolve) => (release = resolve));
    const sweep = () =>
      transaction(database, async (trx) => {
        const due = await listGatesDueForEscalation(trx, { now: at(100), limit: 3 });
        if (++arrived === 2) release();
        await both;
        return due.map((g) => g.id);
      });
    const [one, two] = await Promise.all([sweep(), sweep()]);
    expect(one).toHaveLength(3);
    expect(two).toHaveLength(3);
    expect(new Set([...one, ...two]).size).toBe(6);
  });
});
