import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEscalationSteps } from '../../../src/store/escalation-steps.store';
import { getGate } from '../../../src/store/gates.store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { escalationContext, gateTemplate, HOUR, IDS, MIN, openGateAt, reviewer, serviceAt, sweeper, walk } from './escalation-fixtures';
import { gateAudit, gateTimeline } from './outbox-timeline';

// Tuesday 3 June 2025, 10:00 UTC. Every walk ticks sweep(now) every 5 simulated minutes for 48h.
const OPENED = new Date('2025-06-03T10:00:00.000Z');
const END = new Date(OPENED.getTime() + 48 * HOUR);
const JUST_BEFORE = new Date(OPENED.getTime() - 1);

/** The gate card as the gate opened (the ladder's "notify" step), in the run's channel and both tasks channels. */
// The opening card pings the gate's approver on each platform (and nobody else).
/** The card goes to each tasks channel only; the run's thread gets a line pointing there. */
const opening = (gate: { id: string }) => [
  '+0h00 post discord:tasks gate(Approve start) [user:300000000000000001]',
  '+0h00 post slack:tasks gate(Approve start) [UREVIEW01]',
  `+0h00 post discord:run-thread notice(🔔 Gate ${gate.id} is waiting for review)`,
];
const cardAt = (at: string, level: string) => [`${at} update gate:N discord gate(Approve start, ${level})`, `${at} update gate:N slack gate(Approve start, ${level})`];
const DEADLINE_AND_PAGE = [
  `+4h00 post discord:alerts reminder(Escalated to admins, level 4 · escalated to admins) [@everyone role:${IDS.adminRole}]`,
  `+4h00 post slack:alerts reminder(Escalated to admins, level 4 · escalated to admins) [@everyone ${IDS.slackAdmin}]`,
  ...cardAt('+4h00', 'level 4 · escalated to admins'),
  '+6h00 page critical reminder(Paging owner, level 5 · paging owner)',
  `+6h00 post discord:alerts reminder(Paging owner, level 5 · paging owner) [user:${IDS.owner}]`,
  '+6h00 post slack:alerts reminder(Paging owner, level 5 · paging owner)',
  ...cardAt('+6h00', 'level 5 · paging owner'),
];
const MENTION = (at: string) => [
  `${at} post discord:tasks reminder(Still waiting, level 2 · channel mention) [user:${IDS.reviewer}]`,
  `${at} post slack:tasks reminder(Still waiting, level 2 · channel mention) [${IDS.slackReviewer}]`,
  ...cardAt(at, 'level 2 · channel mention'),
];
const WARN = (at: string) => [
  `${at} post discord:tasks reminder(SLA warning, level 3 · SLA warning) [@here]`,
  `${at} post slack:tasks reminder(SLA warning, level 3 · SLA warning) [@here]`,
  ...cardAt(at, 'level 3 · SLA warning'),
];

describe.each(testDatabases())('the default ladder, walked for 48h, on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database?.close());

  it('GIVEN nobody acts THEN each step goes exactly where and when the ladder says, once', { timeout: 180_000 }, async () => {
    const ctx = escalationContext(database);
    const gate = await openGateAt(ctx, gateTemplate(), OPENED);
    await walk(sweeper(ctx), OPENED, END);

    expect(await gateTimeline(database.db, gate, JUST_BEFORE)).toEqual([
      ...opening(gate),
      // 30m: a DM to each approver named as a user (nobody claimed it).
      `+0h30 dm discord:${IDS.reviewer} reminder(Reminder, level 1 · reminder)`,
      `+0h30 dm slack:${IDS.slackReviewer} reminder(Reminder, level 1 · reminder)`,
      ...cardAt('+0h30', 'level 1 · reminder'),
      ...MENTION('+2h00'),
      ...WARN('+3h30'),
      ...DEADLINE_AND_PAGE,
    ]);
    expect(await gateAudit(database.db, gate)).toEqual([
      '+0h00 gate.opened by Process Factory',
      '+0h30 gate.escalated 1:remind by Process Factory',
      '+2h00 gate.escalated 2:mention by Process Factory',
      '+3h30 gate.escalated 3:warn by Process Factory',
      '+4h00 gate.escalated 4:escalate by Process Factory',
      '+4h00 gate.sla_breached by Process Factory',
      '+6h00 gate.escalated 5:page by Process Factory',
    ]);
    const steps = await listEscalationSteps(database.db, gate.id);
    expect(steps.map((s) => s.stepKey.replace(`${gate.id}:`, ''))).toEqual(['0:0', '1:0', '2:0', '3:0', '4:0', 'deadline:action', '5:0']);
    const after = await getGate(database.db, gate.id);
    expect(after).toMatchObject({ status: 'pending', escalationLevel: 5, nextEscalationAt: null });
  });

  it('GIVEN a reviewer claims it at 10m THEN reminders go to them alone, and the channel steps wait until the claim lapses (2h)', { timeout: 180_000 }, async () => {
    const ctx = escalationContext(database);
    const gate = await openGateAt(ctx, gateTemplate(), OPENED);
    const claimAt = OPENED.getTime() + 10 * MIN;
    await walk(sweeper(ctx), OPENED, END, 5 * MIN, async (now) => {
      if (now.getTime() === claimAt) await serviceAt(ctx).claimGate(gate.id, reviewer, now);
    });

    expect(await gateTimeline(database.db, gate, JUST_BEFORE)).toEqual([
      ...opening(gate),
      '+0h10 update gate:N discord gate(Approve start)',
      '+0h10 update gate:N slack gate(Approve start)',
      `+0h30 dm discord:${IDS.reviewer} reminder(Reminder, level 1 · reminder)`,
      ...cardAt('+0h30', 'level 1 · reminder'),
      // The 2h mention was held by the claim; at 2h10 the claim lapses and it goes out.
      ...MENTION('+2h10'),
      ...WARN('+3h30'),
      ...DEADLINE_AND_PAGE,
    ]);
    expect(await gateAudit(database.db, gate)).toEqual([
      '+0h00 gate.opened by Process Factory',
      '+0h10 gate.claimed by Ana',
      '+0h30 gate.escalated 1:remind by Process Factory',
      '+2h10 gate.claim_lapsed by Process Factory',
      '+2h10 gate.escalated 2:mention by Process Factory',
      '+3h30 gate.escalated 3:warn by Process Factory',
      '+4h00 gate.escalated 4:escalate by Process Factory',
      '+4h00 gate.sla_breached by Process Factory',
      '+6h00 gate.escalated 5:page by Process Factory',
    ]);
    expect(await getGate(database.db, gate.id)).toMatchObject({ claimedBy: null, escalationLevel: 5 });
  });
});
