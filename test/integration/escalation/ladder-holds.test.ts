import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { escalationContext, gateTemplate, HOUR, IDS, MIN, openGateAt, reviewer, serviceAt, sweeper, walk } from './escalation-fixtures';
import { gateTimeline } from './outbox-timeline';

const cardAt = (at: string, level: string) => [`${at} update gate:N discord gate(Approve start, ${level})`, `${at} update gate:N slack gate(Approve start, ${level})`];
const REMIND = (at: string) => [
  `${at} dm discord:${IDS.reviewer} reminder(Reminder, level 1 · reminder)`,
  `${at} dm slack:${IDS.slackReviewer} reminder(Reminder, level 1 · reminder)`,
  ...cardAt(at, 'level 1 · reminder'),
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
const ESCALATE = (at: string) => [
  `${at} post discord:alerts reminder(Escalated to admins, level 4 · escalated to admins) [@everyone role:${IDS.adminRole}]`,
  `${at} post slack:alerts reminder(Escalated to admins, level 4 · escalated to admins) [@everyone ${IDS.slackAdmin}]`,
  ...cardAt(at, 'level 4 · escalated to admins'),
];
const PAGE = (at: string) => [
  `${at} page critical reminder(Paging owner, level 5 · paging owner)`,
  `${at} post discord:alerts reminder(Paging owner, level 5 · paging owner) [user:${IDS.owner}]`,
  `${at} post slack:alerts reminder(Paging owner, level 5 · paging owner)`,
  ...cardAt(at, 'level 5 · paging owner'),
];

describe.each(testDatabases())('snooze and quiet hours over a 48h walk on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database?.close());

  it('GIVEN a reviewer snoozes it for 2h at 35m THEN the 2h mention waits until 2h35, and the warning and the deadline steps keep their times', { timeout: 180_000 }, async () => {
    const opened = new Date('2025-06-03T10:00:00.000Z');
    const ctx = escalationContext(database);
    const gate = await openGateAt(ctx, gateTemplate(), opened);
    const snoozeAt = opened.getTime() + 35 * MIN;
    await walk(sweeper(ctx), opened, new Date(opened.getTime() + 48 * HOUR), 5 * MIN, async (now) => {
      if (now.getTime() === snoozeAt) await serviceAt(ctx).snoozeGate(gate.id, reviewer, 2 * HOUR, now);
    });
    expect(await gateTimeline(database.db, gate)).toEqual([...REMIND('+0h30'), ...MENTION('+2h35'), ...WARN('+3h30'), ...ESCALATE('+4h00'), ...PAGE('+6h00')]);
  });

  it('GIVEN Berlin working hours (09:00-18:00, Mon-Fri) and a 24h deadline THEN the evening mention waits for 09:00, and the deadline steps do not wait', { timeout: 180_000 }, async () => {
    // Tuesday 17:00 in Berlin (15:00 UTC): the 30m reminder is still within working hours; the 2h
    // mention (19:00 Berlin) waits until Wednesday 09:00 Berlin (07:00 UTC), 16h after opening.
    const opened = new Date('2025-06-03T15:00:00.000Z');
    const template = gateTemplate({ id: 'quiet', sla: { deadline: '24h', quiet_hours: { timezone: 'Europe/Berlin', hours: '09:00-18:00', days: [1, 2, 3, 4, 5] } } });
    const ctx = escalationContext(database, [template]);
    const gate = await openGateAt(ctx, template, opened);
    await walk(sweeper(ctx), opened, new Date(opened.getTime() + 48 * HOUR));
    expect(await gateTimeline(database.db, gate)).toEqual([...REMIND('+0h30'), ...MENTION('+16h00'), ...WARN('+23h30'), ...ESCALATE('+24h00'), ...PAGE('+26h00')]);
  });

  it('GIVEN quiet hours that would hold steps past the deadline THEN they fold into the deadline message instead of arriving stale', { timeout: 180_000 }, async () => {
    // Tuesday 19:00 Berlin (17:00 UTC), 4h deadline at 23:00 Berlin: every step before the
    // deadline falls outside working hours, so the deadline escalation is the one message.
    const opened = new Date('2025-06-03T17:00:00.000Z');
    const template = gateTemplate({ id: 'quiet-night', sla: { quiet_hours: { timezone: 'Europe/Berlin', hours: '09:00-18:00', days: [1, 2, 3, 4, 5] } } });
    const ctx = escalationContext(database, [template]);
    const gate = await openGateAt(ctx, template, opened);
    await walk(sweeper(ctx), opened, new Date(opened.getTime() + 48 * HOUR));
    expect(await gateTimeline(database.db, gate)).toEqual([...ESCALATE('+4h00'), ...PAGE('+6h00')]);
  });
});
