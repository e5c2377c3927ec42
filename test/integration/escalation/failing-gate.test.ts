import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../../src/domain/card';
import type { Platform } from '../../../src/domain/statuses';
import { Notifier } from '../../../src/runner/notifier';
import type { Queryable } from '../../../src/store/db-schema';
import { listEscalationSteps } from '../../../src/store/escalation-steps.store';
import { getGate } from '../../../src/store/gates.store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { CONFIG, escalationContext, gateTemplate, HOUR, MIN, openGateAt, sweeper } from './escalation-fixtures';
import { gateTimeline } from './outbox-timeline';

/** A notifier whose channel posts fail for one gate, as a bug or bad data in one card would. */
class FailingNotifier extends Notifier {
  failFor: string | null = null;
  override async toChannel(db: Queryable, platform: Platform, channelId: string, key: string, subject: string, card: Card, now: Date): Promise<void> {
    if (this.failFor && subject.startsWith(`gate:${this.failFor}:`)) throw new Error('the card for this gate cannot be built');
    return super.toChannel(db, platform, channelId, key, subject, card, now);
  }
}

describe.each(testDatabases())('a gate whose escalation fails, on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database?.close());

  it('GIVEN one gate of a batch throws THEN only its writes are undone, the others escalate, and it is tried again 5 minutes later', { timeout: 180_000 }, async () => {
    const notifier = new FailingNotifier({ platforms: ['discord', 'slack'], channels: CONFIG.channels });
    const ctx = { ...escalationContext(database), notifier };
    const opened = new Date('2025-06-03T10:00:00.000Z');
    const bad = await openGateAt(ctx, gateTemplate(), opened);
    const good = await openGateAt(ctx, gateTemplate(), opened);
    const sweep = sweeper(ctx);
    await sweep.sweep(new Date(opened.getTime() + 30 * MIN));

    notifier.failFor = bad.id;
    const mentionAt = new Date(opened.getTime() + 2 * HOUR);
    expect(await sweep.sweep(mentionAt)).toEqual({ gates: 2, sent: 1 });
    const keys = async (id: string) => (await listEscalationSteps(database.db, id)).map((s) => s.stepKey.slice(id.length + 1));
    expect(await keys(bad.id)).toEqual(['0:0', '1:0']);
    expect(await keys(good.id)).toEqual(['0:0', '1:0', '2:0']);
    expect(await getGate(database.db, bad.id)).toMatchObject({ escalationLevel: 1, nextEscalationAt: new Date(mentionAt.getTime() + 5 * MIN) });
    expect((await gateTimeline(database.db, bad)).filter((l) => l.startsWith('+2h'))).toEqual([]);

    notifier.failFor = null;
    expect(await sweep.sweep(new Date(mentionAt.getTime() + MIN))).toEqual({ gates: 0, sent: 0 });
    expect(await sweep.sweep(new Date(mentionAt.getTime() + 5 * MIN))).toEqual({ gates: 1, sent: 1 });
    expect(await keys(bad.id)).toEqual(['0:0', '1:0', '2:0']);
    expect((await gateTimeline(database.db, bad)).filter((l) => l.startsWith('+2h') && l.includes(' post '))).toEqual([
      expect.stringMatching(/^\+2h05 post discord:tasks reminder\(Still waiting/),
      expect.stringMatching(/^\+2h05 post slack:tasks reminder\(Still waiting/),
    ]);
  });
});
