import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditForRun } from '../../../src/store/audit.store';
import { listEscalationSteps } from '../../../src/store/escalation-steps.store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { escalationContext, gateTemplate, HOUR, MIN, openGateAt, sweeper, walk } from './escalation-fixtures';
import { gateTimeline } from './outbox-timeline';

const T = (iso: string) => new Date(`2025-06-03T${iso}:00.000Z`);

describe.each(testDatabases())('catching up after downtime on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database?.close());

  it('GIVEN the process is down 11:00-14:00 while steps fall due THEN the first sweep back sends one message per gate, at its highest level', async () => {
    const ctx = escalationContext(database);
    const template = gateTemplate();
    const sweep = sweeper(ctx);
    // Three gates at 10:00, 10:20 and 10:50; the sweep runs every 5 minutes until 11:00.
    const a = await openGateAt(ctx, template, T('10:00'));
    await walk(sweep, T('10:00'), T('10:15'));
    const b = await openGateAt(ctx, template, T('10:20'));
    await walk(sweep, T('10:20'), T('10:45'));
    const c = await openGateAt(ctx, template, T('10:50'));
    await walk(sweep, T('10:50'), T('11:00'));
    const beforeOutage = { a: (await gateTimeline(database.db, a)).length, b: (await gateTimeline(database.db, b)).length, c: (await gateTimeline(database.db, c)).length };

    // Down for three hours. First sweep back at 14:00.
    const back = await sweep.sweep(T('14:00'));
    expect(back).toEqual({ gates: 3, sent: 3 });
    const catchUp = async (gate: typeof a, before: number) => (await gateTimeline(database.db, gate)).slice(before).filter((l) => !l.includes(' update '));
    // a (opened 10:00): mention 12:00 and warning 13:30 were missed; the 14:00 escalation stands for all three.
    expect(await catchUp(a, beforeOutage.a)).toEqual([
      expect.stringMatching(/^\+4h00 post discord:alerts reminder\(Escalated to admins, level 4/),
      expect.stringMatching(/^\+4h00 post slack:alerts reminder\(Escalated to admins, level 4/),
    ]);
    // b (10:20): mention 12:20 and warning 13:50 missed: the warning is sent.
    expect(await catchUp(b, beforeOutage.b)).toEqual([
      expect.stringMatching(/^\+3h40 post discord:tasks reminder\(SLA warning, level 3/),
      expect.stringMatching(/^\+3h40 post slack:tasks reminder\(SLA warning, level 3/),
    ]);
    // c (10:50): reminder 11:20 and mention 12:50 missed: the mention is sent.
    expect(await catchUp(c, beforeOutage.c)).toEqual([
      expect.stringMatching(/^\+3h10 post discord:tasks reminder\(Still waiting, level 2/),
      expect.stringMatching(/^\+3h10 post slack:tasks reminder\(Still waiting, level 2/),
    ]);

    // Every missed key is recorded with the one sent, so none of them comes later as a burst.
    const keys = async (gateId: string) => (await listEscalationSteps(database.db, gateId)).map((s) => s.stepKey.slice(gateId.length + 1)).sort();
    expect(await keys(a.id)).toEqual(['0:0', '1:0', '2:0', '3:0', '4:0', 'deadline:action'].sort());
    expect(await keys(b.id)).toEqual(['0:0', '1:0', '2:0', '3:0']);
    expect(await keys(c.id)).toEqual(['0:0', '1:0', '2:0']);
    const escalated = (await listAuditForRun(database.db, a.runId)).filter((e) => e.action === 'gate.escalated').at(-1);
    expect(escalated?.metadata).toMatchObject({ action: 'escalate', collapsed: ['2:0', '3:0'] });

    // Back to normal ticking: the rest of each ladder arrives on time, nothing twice.
    await walk(sweep, new Date(T('14:00').getTime() + 5 * MIN), new Date(T('10:00').getTime() + 24 * HOUR));
    const sent = async (gate: typeof a) => (await gateTimeline(database.db, gate)).filter((l) => !l.includes(' update ')).map((l) => l.split(' ')[0]);
    expect(await sent(a)).toEqual(['+0h30', '+0h30', '+4h00', '+4h00', '+6h00', '+6h00', '+6h00']);
    expect(await sent(b)).toEqual(['+0h30', '+0h30', '+3h40', '+3h40', '+4h00', '+4h00', '+6h00', '+6h00', '+6h00']);
    expect(await sent(c)).toEqual(['+3h10', '+3h10', '+3h30', '+3h30', '+4h00', '+4h00', '+6h00', '+6h00', '+6h00']);
  }, 120_000);
});
