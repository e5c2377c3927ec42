import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDraft } from '../../../src/domain/event-from-audit';
import { appendAudit, transaction } from '../../../src/store';
import { latestEventId, listEventsAfter, recordEvents } from '../../../src/store/events.store';
import { withSavepoint } from '../../../src/store/savepoint';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { T0, createTestRun, testActor } from '../../support/store-fixtures';

const draft = (runId: string, n: number): EventDraft => ({ type: 'block.started', at: T0, runId, gateId: null, data: { n } });

/** A promise and the function that settles it: lets two transactions interleave on cue, without sleeps. */
function cue(): { wait: Promise<void>; go: () => void } {
  let go!: () => void;
  const wait = new Promise<void>((resolve) => (go = resolve));
  return { wait, go };
}

describe.each(testDatabases())('the event log on $name', ({ name, open }) => {
  let database: TestDatabaseHandle;
  let runId: string;
  beforeAll(async () => {
    database = await open();
    runId = (await createTestRun(database.db)).run.id;
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());

  it('GIVEN an audit entry that stands for an event THEN the event commits with it, and a rolled-back one leaves none', async () => {
    const before = await latestEventId(database.db);
    await transaction(database, (trx) => appendAudit(trx, { at: T0, actor: testActor(), action: 'run.cancelled', entityType: 'run', entityId: runId, runId, changes: { from: 'running', to: 'cancelled' } }));
    await expect(
      transaction(database, async (trx) => {
        await appendAudit(trx, { at: T0, actor: testActor(), action: 'run.completed', entityType: 'run', entityId: runId, runId });
        throw new Error('doomed');
      }),
    ).rejects.toThrow('doomed');
    const events = await listEventsAfter(database.db, { after: before, limit: 10 });
    expect(events.map((e) => e.type)).toEqual(['run.cancelled']);
    expect(events[0]!.data).toMatchObject({ runId, actor: { name: 'Ana' }, changes: { to: 'cancelled' } });
  });

  it('GIVEN a savepoint that rolls back THEN its events are gone and the rest commit', async () => {
    const before = await latestEventId(database.db);
    await transaction(database, async (trx) => {
      await recordEvents(trx, [draft(runId, 1)]);
      await withSavepoint(trx, 'doomed', async () => {
        await recordEvents(trx, [draft(runId, 2)]);
        throw new Error('inner');
      });
      await recordEvents(trx, [draft(runId, 3)]);
    });
    const events = await listEventsAfter(database.db, { after: before, limit: 10 });
    expect(events.map((e) => e.data.n)).toEqual([1, 3]);
  });

  it.runIf(name === 'postgres')(
    'GIVEN transaction A records first but commits after B THEN a reader that resumed after B still gets A, with a higher id',
    async () => {
      const start = await latestEventId(database.db);
      const aRecorded = cue();
      const bCommitted = cue();
      const a = transaction(database, async (trx) => {
        await recordEvents(trx, [draft(runId, 100)]);
        aRecorded.go();
        await bCommitted.wait;
      });
      await aRecorded.wait;
      await transaction(database, (trx) => recordEvents(trx, [draft(runId, 200)]));
      const firstRead = await listEventsAfter(database.db, { after: start, limit: 10 });
      expect(firstRead.map((e) => e.data.n)).toEqual([200]);
      bCommitted.go();
      await a;
      const resumed = await listEventsAfter(database.db, { after: firstRead[0]!.id, limit: 10 });
      expect(resumed.map((e) => e.data.n)).toEqual([100]);
      expect(BigInt(resumed[0]!.id)).toBeGreaterThan(BigInt(firstRead[0]!.id));
    },
  );

  it('GIVEN many concurrent writers and a reader resuming from its cursor THEN the reader sees every event exactly once, in id order', async () => {
    const start = await latestEventId(database.db);
    const writers = 12;
    const perWriter = 5;
    let done = false;
    const seen: string[] = [];
    const reader = (async () => {
      let cursor = start;
      for (;;) {
        const finished = done;
        const page = await listEventsAfter(database.db, { after: cursor, limit: 7 });
        for (const e of page) seen.push(e.id);
        if (page.length) cursor = page[page.length - 1]!.id;
        if (finished && page.length === 0) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) {
          await transaction(database, async (trx) => {
            await recordEvents(trx, [draft(runId, w * 100 + i)]);
            // Work after the event is recorded widens the window in which commits could reorder.
            await trx.selectFrom('runs').select('id').where('id', '=', runId).forUpdate().skipLocked().execute();
            await recordEvents(trx, [draft(runId, w * 100 + i + 50)]);
          });
        }
      }),
    );
    done = true;
    await reader;
    const all = (await listEventsAfter(database.db, { after: start, limit: 1000 })).map((e) => e.id);
    expect(all).toHaveLength(writers * perWriter * 2);
    expect(seen).toEqual(all);
    expect([...seen].sort((x, y) => Number(BigInt(x) - BigInt(y)))).toEqual(seen);
  });
});
