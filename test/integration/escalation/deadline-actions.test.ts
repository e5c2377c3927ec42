import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDecision, isPersonDecision } from '../../../src/cards';
import type { Card } from '../../../src/domain/card';
import { listAuditForRun } from '../../../src/store/audit.store';
import { listBlockRuns } from '../../../src/store/blocks.store';
import { getGate } from '../../../src/store/gates.store';
import { parseCard } from '../../../src/store/json-columns';
import { getRun } from '../../../src/store/runs.store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { escalationContext, gateTemplate, HOUR, IDS, openGateAt, serviceAt, sweeper, walk } from './escalation-fixtures';
import { gateTimeline } from './outbox-timeline';

const OPENED = new Date('2025-06-03T10:00:00.000Z');
const AFTER = (hours: number) => new Date(OPENED.getTime() + hours * HOUR);
/** Rows written at or after the deadline (4h). */
const atDeadline = (lines: string[]) => lines.filter((l) => !/^\+[0-3]h/.test(l));

/** Every card ever queued about the gate after `since`: the gate card's copies and the ladder's. */
async function cardsAbout(database: TestDatabaseHandle, gateId: string, since: Date): Promise<Card[]> {
  const rows = await database.db.selectFrom('outbox').select('payload').where('subject', 'like', `gate:${gateId}%`).where('created_at', '>=', since).execute();
  return rows.map((r) => parseCard(r.payload));
}
const cardText = (c: Card) => [c.title, c.summary, c.description ?? '', ...(c.fields ?? []).map((f) => `${f.label} ${f.value}`)].join('\n');

describe.each(testDatabases())('deadline actions on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database?.close());

  it('GIVEN on_deadline escalate (the default) THEN the deadline only sends the escalation; the gate stays open for a person', { timeout: 180_000 }, async () => {
    const ctx = escalationContext(database);
    const gate = await openGateAt(ctx, gateTemplate(), OPENED);
    await walk(sweeper(ctx), OPENED, AFTER(5));
    expect(atDeadline(await gateTimeline(database.db, gate))).toEqual([
      `+4h00 post discord:alerts reminder(Escalated to admins, level 4 · escalated to admins) [@everyone role:${IDS.adminRole}]`,
      `+4h00 post slack:alerts reminder(Escalated to admins, level 4 · escalated to admins) [@everyone ${IDS.slackAdmin}]`,
      '+4h00 update gate:N discord gate(Approve start, level 4 · escalated to admins)',
      '+4h00 update gate:N slack gate(Approve start, level 4 · escalated to admins)',
    ]);
    expect(await getGate(database.db, gate.id)).toMatchObject({ status: 'pending', decidedAt: null });
    const audit = (await listAuditForRun(database.db, gate.runId)).filter((e) => e.action === 'gate.sla_breached');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: { type: 'system' }, metadata: { onDeadline: 'escalate' } });
  });

  it('GIVEN on_deadline reject THEN the gate expires (fail closed), the block and run fail, and no card names a person', { timeout: 180_000 }, async () => {
    const template = gateTemplate({ id: 'fail-closed', sla: { on_deadline: 'reject' } });
    const ctx = escalationContext(database, [template]);
    const gate = await openGateAt(ctx, template, OPENED);
    await walk(sweeper(ctx), OPENED, AFTER(8));

    const after = await getGate(database.db, gate.id);
    expect(after).toMatchObject({ status: 'expired', decidedVia: 'deadline', decidedBy: { type: 'system' }, decidedAt: AFTER(4) });
    expect(atDeadline(await gateTimeline(database.db, gate))).toEqual([
      '+4h00 update gate:N discord gate(Expired)',
      '+4h00 update gate:N slack gate(Expired)',
      '+4h00 update gate:N:reminder discord gate(Expired)',
      '+4h00 update gate:N:reminder slack gate(Expired)',
      '+4h00 post discord:alerts gate(Expired)',
      '+4h00 post slack:alerts gate(Expired)',
    ]);
    expect((await listBlockRuns(database.db, gate.runId))[0]).toMatchObject({ blockId: 'review', status: 'failed' });
    expect((await getRun(database.db, gate.runId))?.status).toBe('failed');

    const audit = await listAuditForRun(database.db, gate.runId);
    const expired = audit.filter((e) => e.action === 'gate.expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ actor: { type: 'system', name: 'Process Factory' }, changes: { from: 'pending', to: 'expired' }, metadata: { via: 'deadline', onDeadline: 'reject', timedOut: true } });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['block.fail', 'run.failed']));
    expect(audit.filter((e) => e.action === 'gate.escalated').map((e) => e.metadata?.action)).toEqual(['remind', 'mention', 'warn']);

    const view = await serviceAt(ctx).getGate(gate.id);
    expect(isPersonDecision(view)).toBe(false);
    expect(describeDecision(view, AFTER(4))).toMatch(/^Expired at the deadline .*rejected automatically \(no person approved\)$/);
    const cards = await cardsAbout(database, gate.id, AFTER(4));
    expect(cards).toHaveLength(6);
    for (const card of cards) {
      expect(cardText(card)).toContain('no person approved');
      expect(cardText(card)).not.toMatch(/Ana|by Process Factory|Approved by|Rejected by/);
    }
  });

  it('GIVEN on_deadline approve with allow_auto_approve THEN the system approves at the deadline, audited as timed out, and the run goes on', { timeout: 180_000 }, async () => {
    const template = gateTemplate({ id: 'auto-ok', sla: { on_deadline: 'approve', allow_auto_approve: true } });
    const ctx = escalationContext(database, [template]);
    const gate = await openGateAt(ctx, template, OPENED);
    await walk(sweeper(ctx), OPENED, AFTER(8));

    expect(await getGate(database.db, gate.id)).toMatchObject({ status: 'approved', decidedVia: 'deadline', decidedBy: { type: 'system' } });
    expect(atDeadline(await gateTimeline(database.db, gate))).toEqual([
      '+4h00 update gate:N discord gate(Auto-approved)',
      '+4h00 update gate:N slack gate(Auto-approved)',
      '+4h00 update gate:N:reminder discord gate(Auto-approved)',
      '+4h00 update gate:N:reminder slack gate(Auto-approved)',
      '+4h00 post discord:alerts gate(Auto-approved)',
      '+4h00 post slack:alerts gate(Auto-approved)',
    ]);
    const timedOut = (await listAuditForRun(database.db, gate.runId)).filter((e) => e.action === 'gate.timed_out');
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]).toMatchObject({ actor: { type: 'system' }, changes: { from: 'pending', to: 'approved' }, metadata: { via: 'deadline', onDeadline: 'approve', timedOut: true } });
    // The before-gate let its block start: it waits for a runner now, and the run is still going.
    expect((await listBlockRuns(database.db, gate.runId))[0]).toMatchObject({ status: 'ready' });
    expect((await getRun(database.db, gate.runId))?.status).toBe('running');

    const view = await serviceAt(ctx).getGate(gate.id);
    expect(isPersonDecision(view)).toBe(false);
    expect(describeDecision(view, AFTER(4))).toMatch(/^Approved automatically at the deadline .*\(no person approved\)$/);
    const cards = await cardsAbout(database, gate.id, AFTER(4));
    expect(cards).toHaveLength(6);
    for (const card of cards) expect(cardText(card)).toMatch(/no person approved/);
    for (const card of cards) expect(cardText(card)).not.toMatch(/Ana|Approved by/);
  });

  it('GIVEN approve at the deadline without allow_auto_approve THEN templates are refused, and a config default escalates instead of approving', { timeout: 180_000 }, async () => {
    expect(() => gateTemplate({ id: 'no-opt-in', sla: { on_deadline: 'approve' } })).toThrow(/allow_auto_approve/);
    const ctx = { ...escalationContext(database), escalationDefaults: { on_deadline: 'approve' as const } };
    const gate = await openGateAt(ctx, gateTemplate(), OPENED);
    await walk(sweeper(ctx), OPENED, AFTER(5));
    expect(await getGate(database.db, gate.id)).toMatchObject({ status: 'pending', escalationLevel: 4 });
    const actions = (await listAuditForRun(database.db, gate.runId)).map((e) => e.action);
    expect(actions).toContain('gate.sla_breached');
    expect(actions).not.toContain('gate.timed_out');
  });

  it('GIVEN a ladder with no step at the deadline THEN the breach still reaches the admins, once', { timeout: 180_000 }, async () => {
    const template = gateTemplate({ id: 'short-ladder', sla: { steps: [{ at: '0', action: 'notify' }, { at: '1h', action: 'remind' }] } });
    const ctx = escalationContext(database, [template]);
    const gate = await openGateAt(ctx, template, OPENED);
    await walk(sweeper(ctx), OPENED, AFTER(10));
    expect(await gateTimeline(database.db, gate)).toEqual([
      `+1h00 dm discord:${IDS.reviewer} reminder(Reminder, level 1 · reminder)`,
      `+1h00 dm slack:${IDS.slackReviewer} reminder(Reminder, level 1 · reminder)`,
      '+1h00 update gate:N discord gate(Approve start, level 1 · reminder)',
      '+1h00 update gate:N slack gate(Approve start, level 1 · reminder)',
      `+4h00 post discord:alerts reminder(Escalated to admins, level 1 · escalated to admins) [role:${IDS.adminRole}]`,
      `+4h00 post slack:alerts reminder(Escalated to admins, level 1 · escalated to admins) [${IDS.slackAdmin}]`,
      '+4h00 update gate:N discord gate(Approve start, level 1 · escalated to admins)',
      '+4h00 update gate:N slack gate(Approve start, level 1 · escalated to admins)',
    ]);
  });
});
