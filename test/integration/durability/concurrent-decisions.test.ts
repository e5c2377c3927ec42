/**
 * Fifty reviewers press Approve or Reject on the same gate at the same moment. Exactly one of
 * them decides; the audit log and the card updates show one decision; everyone else is told who
 * was first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';

const origin = { platform: 'console' as const, channelId: 'console' };
const REVIEWERS = 50;
// Two platforms, so "one set of card updates" means one per platform, not just one row.
const PLATFORMS = ['console', 'slack'] as const;

const reviewer = (i: number): Actor => ({ type: 'human', platform: 'console', id: `reviewer-${i}`, name: `Reviewer ${i}` });

describe.each(testDatabases())('fifty concurrent decisions on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;

  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database, { platforms: [...PLATFORMS] });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await factory?.stop();
    await database?.close();
  });

  it('GIVEN 50 reviewers deciding one gate at once THEN one decides, one audit row, one set of card updates, 49 are told who decided', async () => {
    const run = await factory.service.createRun({ templateId: 'demo', params: {}, simulate: false, actor: consoleActor, origin });
    const gate = await eventually(async () => (await factory.service.getRun(run.id)).pendingGates[0], 'the draft gate');
    const updates = () => database.db.selectFrom('outbox').select('dedupe_key').where('subject', '=', `gate:${gate.id}`).where('kind', '=', 'update').execute();
    expect(await updates()).toEqual([]);

    const results = await Promise.all(
      Array.from({ length: REVIEWERS }, (_, i) =>
        factory.service.decideGate(
          i % 2 === 0
            ? { gateId: gate.id, decision: 'approve', actor: reviewer(i), via: 'button' }
            : { gateId: gate.id, decision: 'reject', reason: `not good enough, says reviewer ${i}`, actor: reviewer(i), via: 'button' },
          new Date(),
        ),
      ),
    );

    const winners = results.flatMap((r, i) => (r.outcome === 'decided' ? [i] : []));
    expect(winners).toHaveLength(1);
    const winner = reviewer(winners[0]!);
    const status = winners[0]! % 2 === 0 ? 'approved' : 'rejected';
    const losers = results.filter((r) => r.outcome === 'already-decided');
    expect(losers).toHaveLength(REVIEWERS - 1);
    for (const loser of losers) {
      expect(loser.gate).toMatchObject({ id: gate.id, status, decidedBy: { name: winner.name, platform: 'console' } });
    }

    const row = await database.db.selectFrom('gates').select(['status', 'decided_by']).where('id', '=', gate.id).executeTakeFirstOrThrow();
    expect(row.status).toBe(status);
    expect(row.decided_by).toMatchObject({ id: winner.id });

    const decisions = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('gate_id', '=', gate.id)
      .where('action', 'in', ['gate.approved', 'gate.rejected'])
      .execute();
    expect(decisions).toEqual([{ action: `gate.${status}`, actor_id: winner.id }]);

    expect((await updates()).map((u) => u.dedupe_key).sort()).toEqual(PLATFORMS.map((p) => `gate:${gate.id}:update:decided:${p}`).sort());
  });
});
