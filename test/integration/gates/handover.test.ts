/**
 * Reassign, delegate and escalate by hand, on both databases, with the real escalation sweep and an
 * injected clock: reminders and DMs follow the assignee (or their delegate), held for the person's
 * quiet hours while channel steps go on, and a manual escalation jumps the ladder, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import type { RunService } from '../../../src/runner/run-service';
import type { ServiceContext } from '../../../src/runner/service-context';
import { listEscalationSteps } from '../../../src/store/escalation-steps.store';
import { getGate } from '../../../src/store/gates.store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { HOUR, IDS, MIN, openGateAt, serviceAt, sweeper, walk } from '../escalation/escalation-fixtures';
import { gateAudit, gateTimeline } from '../escalation/outbox-timeline';
import { PEOPLE, gateContext, reviewTemplate } from './gate-fixtures';

// Monday 2 March 2026. Berlin is UTC+1 then: Bo's working hours 09:00-17:00 are 08:00-16:00 UTC.
const MORNING = new Date('2026-03-02T10:00:00Z');
const EVENING = new Date('2026-03-02T20:00:00Z');
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const principal = (a: Actor) => `${a.platform}:user:${a.id}`;

const handover = reviewTemplate('handover', { approvers: [principal(PEOPLE.ana), principal(PEOPLE.cy)] });
const onlyBo = reviewTemplate('only-bo', { approvers: [principal(PEOPLE.bo)] });

describe.each(testDatabases())('reassign, delegate and escalate on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let ctx: ServiceContext;
  let service: RunService;

  beforeAll(async () => {
    database = await open();
    ctx = gateContext(database, [handover, onlyBo]);
    service = serviceAt(ctx);
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database?.close());

  const dmRows = (gateId: string) =>
    database.db.selectFrom('outbox').select(['subject', 'target', 'next_attempt_at', 'created_at']).where('kind', '=', 'dm').where('subject', 'like', `gate:${gateId}%`).orderBy('id').execute();

  it('GIVEN a gate reassigned to Bo THEN the card says so, Bo gets it by DM, the audit shows the handover, and the 30m reminder goes to Bo alone', async () => {
    const gate = await openGateAt(ctx, handover, MORNING);
    const view = await service.reassignGate({ gateId: gate.id, assignee: PEOPLE.bo, actor: PEOPLE.ana, reason: 'Bo owns contracts' }, at(MORNING, 5 * MIN));
    expect(view.assignee).toEqual({ id: PEOPLE.bo.id, name: 'bo' });
    expect((await getGate(database.db, gate.id))?.assignee).toMatchObject({ platform: 'discord', id: PEOPLE.bo.id });

    await walk(sweeper(ctx), at(MORNING, 10 * MIN), at(MORNING, 35 * MIN));
    const timeline = await gateTimeline(database.db, gate);
    expect(timeline.filter((l) => l.includes(' dm '))).toEqual([
      `+0h05 dm discord:${PEOPLE.bo.id} gate(Approve start)`,
      `+0h30 dm discord:${PEOPLE.bo.id} reminder(Reminder, level 1 · reminder)`,
    ]);
    const audit = await gateAudit(database.db, gate);
    expect(audit).toContain('+0h05 gate.reassigned by ana');
    const row = await database.db.selectFrom('audit_log').select(['changes', 'metadata']).where('gate_id', '=', gate.id).where('action', '=', 'gate.reassigned').executeTakeFirstOrThrow();
    expect(row.changes).toEqual({ from: null, to: 'bo' });
    expect(row.metadata).toMatchObject({ assignee: principal(PEOPLE.bo), reason: 'Bo owns contracts', delegatedFrom: null });
  });

  it('GIVEN Bo outside his working hours THEN his DMs wait for 09:00 Berlin, the channel mention at 2h does not, and the decision updates the held DM', async () => {
    const gate = await openGateAt(ctx, handover, EVENING);
    await service.reassignGate({ gateId: gate.id, assignee: PEOPLE.bo, actor: PEOPLE.ana }, EVENING);
    await walk(sweeper(ctx), at(EVENING, 5 * MIN), at(EVENING, 2 * HOUR + 5 * MIN));

    const nextMorning = new Date('2026-03-03T08:00:00Z');
    const dms = await dmRows(gate.id);
    expect(dms.map((d) => [d.subject.replace(/\d{5,}/g, 'ID').replace(/^gate:\d+/, 'gate:N'), d.next_attempt_at.toISOString()])).toEqual([
      ['gate:N:reminder:held:discord:ID', nextMorning.toISOString()],
      ['gate:N:reminder:held:discord:ID', nextMorning.toISOString()],
    ]);
    const mention = await database.db.selectFrom('outbox').select(['next_attempt_at', 'created_at', 'payload']).where('kind', '=', 'post').where('subject', '=', `gate:${gate.id}:reminder`).orderBy('id').execute();
    expect(mention.length).toBeGreaterThan(0);
    for (const post of mention) expect(post.next_attempt_at.getTime()).toBe(post.created_at.getTime());

    await service.decideGate({ gateId: gate.id, decision: 'approve', actor: PEOPLE.ana, via: 'button' }, at(EVENING, 3 * HOUR));
    const updates = await database.db.selectFrom('outbox').select('subject').where('kind', '=', 'update').where('subject', 'like', `gate:${gate.id}:reminder:held:%`).execute();
    expect(updates.length).toBeGreaterThan(0);
  });

  it('GIVEN Bo away with Eli as delegate THEN a gate reassigned to Bo goes to Eli, and Eli may decide a gate that names only Bo', async () => {
    await service.setAway({ actor: PEOPLE.bo, until: new Date('2026-03-09T00:00:00Z'), delegate: PEOPLE.eli }, MORNING);
    const gate = await openGateAt(ctx, handover, MORNING);
    const view = await service.reassignGate({ gateId: gate.id, assignee: PEOPLE.bo, actor: PEOPLE.ana }, MORNING);
    expect(view.assignee?.name).toBe('eli');
    const audit = await database.db.selectFrom('audit_log').select('metadata').where('gate_id', '=', gate.id).where('action', '=', 'gate.reassigned').executeTakeFirstOrThrow();
    expect(audit.metadata).toMatchObject({ assignee: principal(PEOPLE.eli), delegatedFrom: principal(PEOPLE.bo) });

    const bosGate = await openGateAt(ctx, onlyBo, MORNING);
    await expect(service.decideGate({ gateId: bosGate.id, decision: 'approve', actor: PEOPLE.cy }, MORNING)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await service.decideGate({ gateId: bosGate.id, decision: 'approve', actor: PEOPLE.eli }, MORNING)).outcome).toBe('decided');

    expect(await service.endAway(PEOPLE.bo, at(MORNING, HOUR))).toBe(true);
    const later = await openGateAt(ctx, onlyBo, at(MORNING, HOUR));
    await expect(service.decideGate({ gateId: later.id, decision: 'approve', actor: PEOPLE.eli }, at(MORNING, HOUR))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('GIVEN an escalation by hand THEN the ladder jumps to its escalate step now, admins are mentioned in alerts, the steps it skipped never fire, and it is audited', async () => {
    const gate = await openGateAt(ctx, handover, MORNING);
    const view = await service.escalateGate({ gateId: gate.id, actor: PEOPLE.ana, reason: 'the launch is today' }, at(MORNING, 10 * MIN));
    expect(view.escalationLevel).toBe(4);
    await walk(sweeper(ctx), at(MORNING, 15 * MIN), at(MORNING, 3 * HOUR + 55 * MIN));

    const timeline = await gateTimeline(database.db, gate);
    expect(timeline.filter((l) => !l.startsWith('+0h00'))).toEqual([
      `+0h10 post discord:alerts reminder(Escalated to admins, level 4 · escalated to admins) [@everyone role:${IDS.adminRole}]`,
      `+0h10 post slack:alerts reminder(Escalated to admins, level 4 · escalated to admins) [@everyone ${IDS.slackAdmin}]`,
      '+0h10 update gate:N discord gate(Approve start, level 4)',
      '+0h10 update gate:N slack gate(Approve start, level 4)',
    ]);
    expect((await listEscalationSteps(database.db, gate.id)).map((s) => s.action)).toEqual(['notify', 'remind', 'mention', 'warn', 'escalate']);
    const row = await database.db.selectFrom('audit_log').select(['actor_name', 'metadata', 'changes']).where('gate_id', '=', gate.id).where('action', '=', 'gate.escalated').executeTakeFirstOrThrow();
    expect(row.actor_name).toBe('ana');
    expect(row.changes).toEqual({ from: 0, to: 4 });
    expect(row.metadata).toMatchObject({ manual: true, reason: 'the launch is today', to: null, level: 4 });
  });

  it('GIVEN an escalation to a person THEN they are the assignee, get an urgent DM even at night, and alerts mention them', async () => {
    const gate = await openGateAt(ctx, handover, EVENING);
    const view = await service.escalateGate({ gateId: gate.id, actor: PEOPLE.ana, reason: 'needs a lawyer tonight', to: PEOPLE.bo }, at(EVENING, 5 * MIN));
    expect(view.assignee?.name).toBe('bo');
    const [dm] = await dmRows(gate.id);
    expect(dm?.subject).toBe(`gate:${gate.id}:reminder`);
    expect(dm?.next_attempt_at.getTime()).toBe(at(EVENING, 5 * MIN).getTime());
    const timeline = await gateTimeline(database.db, gate);
    expect(timeline).toContain(`+0h05 post discord:alerts reminder(Escalated to admins, level 4 · escalated to admins) [@everyone user:${PEOPLE.bo.id}]`);
    await expect(service.escalateGate({ gateId: gate.id, actor: PEOPLE.ana, reason: 'x' }, EVENING)).rejects.toMatchObject({ code: 'invalid_arguments' });
  });
});
