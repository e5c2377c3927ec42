import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/domain/errors';
import type { GateRecord } from '../../../src/domain/records';
import { EscalationSweep } from '../../../src/escalation/escalation-sweep';
import { silentLogger } from '../../../src/log';
import type { ServiceContext } from '../../../src/runner/service-context';
import type { Database } from '../../../src/store/database';
import { getGate } from '../../../src/store/gates.store';
import { getRunForUpdate } from '../../../src/store/runs.store';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { CONFIG, escalationContext, gateTemplate, HOUR, MIN, openGateAt, reviewer, serviceAt , useTwoConnections } from './escalation-fixtures';

const START = new Date('2025-06-03T09:00:00.000Z');
const GATES = 20;
/** Steps the default ladder sends after the opening notice: remind, mention, warn, escalate, page. */
const STEPS_PER_GATE = 5;

describe.each(testDatabases())('two sweepers on one database ($name)', ({ name, open }) => {
  let database: TestDatabaseHandle;
  let second: Database;
  useTwoConnections(open, (opened, other) => {
    database = opened;
    second = other;
  });

  const sweepOn = (ctx: ServiceContext) => new EscalationSweep({ ctx, log: silentLogger(), owner: CONFIG.owner, batchSize: 3 });

  it('GIVEN 20 gates and two sweepers sweeping at once, and out of step, for a simulated day THEN every step is sent exactly once and on time', async () => {
    const ctxA = escalationContext(database);
    const ctxB = { ...escalationContext(second), catalog: ctxA.catalog };
    const template = gateTemplate();
    const gates: GateRecord[] = [];
    for (let i = 0; i < GATES; i++) gates.push(await openGateAt(ctxA, template, new Date(START.getTime() + i * 7 * MIN)));

    const a = sweepOn(ctxA);
    const b = sweepOn(ctxB);
    let sent = 0;
    for (let t = START.getTime(); t <= START.getTime() + 24 * HOUR; t += 5 * MIN) {
      // Same instant on every other tick; otherwise B runs 2 minutes behind A, still concurrently.
      const lag = (t / (5 * MIN)) % 2 === 0 ? 0 : 2 * MIN;
      const results = await Promise.all([a.sweep(new Date(t)), b.sweep(new Date(t + lag))]);
      sent += results[0].sent + results[1].sent;
    }
    expect(sent).toBe(GATES * STEPS_PER_GATE);

    const ids = gates.map((g) => g.id);
    const audit = await database.db.selectFrom('audit_log').select(['gate_id', 'metadata']).where('action', '=', 'gate.escalated').where('gate_id', 'in', ids).execute();
    const perStep = new Map<string, number>();
    for (const row of audit) {
      const key = `${row.gate_id}:${String((row.metadata as { step?: string }).step)}`;
      perStep.set(key, (perStep.get(key) ?? 0) + 1);
    }
    expect(perStep.size).toBe(GATES * STEPS_PER_GATE);
    expect([...perStep.values()].every((n) => n === 1)).toBe(true);

    const steps = await database.db.selectFrom('escalation_steps').selectAll().where('gate_id', 'in', ids).execute();
    // notify, 5 steps and the deadline action per gate; each fired within one tick (5 minutes, plus
    // B's 2-minute lag when B happened to hold the gate) of its time.
    expect(steps).toHaveLength(GATES * (STEPS_PER_GATE + 2));
    for (const s of steps) {
      const late = s.fired_at.getTime() - s.due_at.getTime();
      expect(late, `${s.step_key} fired ${late} ms after it was due`).toBeGreaterThanOrEqual(0);
      expect(late, `${s.step_key} fired ${late} ms after it was due`).toBeLessThan(7 * MIN);
    }
    const pages = await database.db.selectFrom('outbox').select('subject').where('kind', '=', 'page').where('subject', 'in', ids.map((id) => `gate:${id}:page`)).execute();
    expect(pages).toHaveLength(GATES);
  }, 300_000);

  it.skipIf(name !== 'postgres')('GIVEN a person holds the run (deciding) when the deadline expires its gate THEN the sweep does not wait on them: it tries again next pass', async () => {
    const template = gateTemplate({ id: 'held', sla: { on_deadline: 'reject' } });
    const ctx = escalationContext(database, [template]);
    const opened = new Date('2025-06-05T09:00:00.000Z');
    const gate = await openGateAt(ctx, template, opened);
    const deadline = new Date(opened.getTime() + 4 * HOUR);
    await sweepOn(ctx).sweep(new Date(deadline.getTime() - MIN));

    // Another connection holds the run row, as decideGate does before it updates the gate.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = second.db.transaction().execute(async (trx) => {
      await getRunForUpdate(trx, gate.runId);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    expect(await sweepOn(ctx).sweep(deadline)).toEqual({ gates: 1, sent: 0 });
    expect(await getGate(database.db, gate.id)).toMatchObject({ status: 'pending', nextEscalationAt: new Date(deadline.getTime() + 1) });
    release();
    await holder;

    expect(await sweepOn(ctx).sweep(new Date(deadline.getTime() + 30_000))).toEqual({ gates: 1, sent: 1 });
    expect(await getGate(database.db, gate.id)).toMatchObject({ status: 'expired', decidedVia: 'deadline' });
  });

  it(`GIVEN fail-closed gates at their deadline and reviewers approving at that very moment THEN each gate is decided once, by one of them, with no deadlock (${name})`, async () => {
    const template = gateTemplate({ id: 'race', sla: { on_deadline: 'reject' } });
    const ctxA = escalationContext(database, [template]);
    const ctxB = { ...escalationContext(second, [template]) };
    const opened = new Date('2025-06-04T09:00:00.000Z');
    const gates: GateRecord[] = [];
    for (let i = 0; i < 8; i++) gates.push(await openGateAt(ctxA, template, opened));
    const deadline = new Date(opened.getTime() + 4 * HOUR);

    const human = serviceAt(ctxB);
    // A reviewer who comes second is told so: "already decided", or (the run failed with the
    // expired gate) that its gates can no longer be decided. Neither may be an internal error.
    const decide = (gateId: string) =>
      human.decideGate({ gateId, decision: 'approve', actor: reviewer }, deadline).catch((error: unknown) => {
        if (error instanceof UserError && error.code === 'run_not_active') return null;
        throw error;
      });
    const decisions = gates.map((g, i) => (i % 2 === 0 ? decide(g.id) : Promise.resolve(null)));
    const [sweepA, sweepB, ...decided] = await Promise.all([sweepOn(ctxA).sweep(deadline), sweepOn(ctxB).sweep(deadline), ...decisions]);
    // A gate whose run a person held locked is looked at again on the next pass.
    await sweepOn(ctxA).sweep(new Date(deadline.getTime() + 30_000));
    expect(sweepA.gates + sweepB.gates).toBeGreaterThan(0);

    for (const [i, gate] of gates.entries()) {
      const after = await getGate(database.db, gate.id);
      const human = decided[i];
      if (human?.outcome === 'decided') expect(after).toMatchObject({ status: 'approved', decidedVia: 'command' });
      else expect(after).toMatchObject({ status: 'expired', decidedVia: 'deadline' });
    }
    const decisionsAudited = await database.db
      .selectFrom('audit_log')
      .select(['gate_id', 'action'])
      .where('gate_id', 'in', gates.map((g) => g.id))
      .where('action', 'in', ['gate.approved', 'gate.expired'])
      .execute();
    expect(decisionsAudited).toHaveLength(gates.length);
  }, 120_000);
});
