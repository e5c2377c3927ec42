import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WakeTopic } from '../../../src/store';
import { afterCommit, appendAudit, enqueueOutbox, listAuditForRun, openDatabase, transaction, tryAdvisoryXactLock, wakeAfterCommit } from '../../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { T0, createTestRun, testActor } from '../../support/store-fixtures';

const card = { kind: 'notice' as const, title: 'Hello', summary: 'Hello', tone: 'info' as const };

/** Counts wake-ups per topic on a channel. */
function countWakes(database: { wake: { subscribe(t: WakeTopic, fn: () => void): () => void } }) {
  const counts: Record<WakeTopic, number> = { runner: 0, outbox: 0, escalation: 0, events: 0 };
  const offs = (['runner', 'outbox', 'escalation'] as const).map((t) => database.wake.subscribe(t, () => counts[t]++));
  return { counts, stop: () => offs.forEach((off) => off()) };
}

describe.each(testDatabases())('transactions and wake-ups on $name', ({ name, open }) => {
  let database: TestDatabaseHandle;
  let runId: string;
  beforeAll(async () => {
    database = await open();
    runId = (await createTestRun(database.db)).run.id;
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());

  const audit = (action: string) => ({ at: T0, actor: testActor(), action, entityType: 'run', entityId: runId, runId });

  it('GIVEN two concurrent transactions WHEN one throws THEN none of its writes remain and the other commits', async () => {
    const [failed, committed] = await Promise.allSettled([
      transaction(database, async (trx) => {
        await appendAudit(trx, audit('tx.doomed.1'));
        await appendAudit(trx, audit('tx.doomed.2'));
        throw new Error('boom');
      }),
      transaction(database, async (trx) => {
        await appendAudit(trx, audit('tx.kept'));
        return 'ok';
      }),
    ]);
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'boom' } });
    expect(committed).toMatchObject({ status: 'fulfilled', value: 'ok' });
    const actions = (await listAuditForRun(database.db, runId)).map((e) => e.action);
    expect(actions).toContain('tx.kept');
    expect(actions.filter((a) => a.startsWith('tx.doomed'))).toEqual([]);
  });

  it('GIVEN afterCommit callbacks THEN they run after COMMIT only, and a failing one is logged, not thrown', async () => {
    const seen: string[] = [];
    const result = await transaction(database, async (trx) => {
      afterCommit(trx, () => void seen.push('first'));
      afterCommit(trx, () => {
        throw new Error('callback broke');
      });
      afterCommit(trx, () => void seen.push('third'));
      expect(seen).toEqual([]);
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual(['first', 'third']);

    await expect(
      transaction(database, async (trx) => {
        afterCommit(trx, () => void seen.push('rolled back'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(seen).toEqual(['first', 'third']);
  });

  it('GIVEN a subscriber WHEN a transaction queues a message THEN the wake-up arrives after commit, once per topic', async () => {
    const wakes = countWakes(database);
    await transaction(database, async (trx) => {
      await enqueueOutbox(trx, { dedupeKey: `${name}:w1`, kind: 'post', subject: 'run:1', payload: card, now: T0 });
      await enqueueOutbox(trx, { dedupeKey: `${name}:w2`, kind: 'post', subject: 'run:1', payload: card, now: T0 });
      wakeAfterCommit(trx, 'runner');
      expect(wakes.counts).toEqual({ runner: 0, outbox: 0, escalation: 0, events: 0 });
    });
    expect(wakes.counts).toEqual({ runner: 1, outbox: 1, escalation: 0, events: 0 });
    wakes.stop();
  });

  it('GIVEN a transaction that rolls back THEN nothing is delivered', async () => {
    const wakes = countWakes(database);
    await expect(
      transaction(database, async (trx) => {
        await enqueueOutbox(trx, { dedupeKey: `${name}:rolled-back`, kind: 'post', subject: 'run:1', payload: card, now: T0 });
        wakeAfterCommit(trx, 'escalation');
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(wakes.counts).toEqual({ runner: 0, outbox: 0, escalation: 0, events: 0 });
    wakes.stop();
  });

  it('GIVEN the root database (autocommit) THEN a wake-up fires at once', async () => {
    const wakes = countWakes(database);
    await enqueueOutbox(database.db, { dedupeKey: `${name}:autocommit`, kind: 'post', subject: 'run:1', payload: card, now: T0 });
    expect(wakes.counts.outbox).toBe(1);
    wakes.stop();
  });

  it('GIVEN a transaction-scoped advisory lock THEN it is taken, and released at commit', async () => {
    await transaction(database, async (trx) => {
      expect(await tryAdvisoryXactLock(trx, 'sweep:escalation')).toBe(true);
    });
    await transaction(database, async (trx) => {
      expect(await tryAdvisoryXactLock(trx, 'sweep:escalation')).toBe(true);
    });
  });
});

describe.each(testDatabases({ only: 'postgres' }))('wake-ups and locks across connections on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let replica: Awaited<ReturnType<typeof openDatabase>>;
  beforeAll(async () => {
    database = await open();
    replica = await openDatabase({ databaseUrl: database.connectionString });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await replica?.close();
    await database.close();
  });

  it('GIVEN a second replica listening WHEN a transaction commits a wake-up THEN the replica gets it; a rolled-back one never arrives', async () => {
    const wakes = countWakes(replica);
    const outboxWoken = new Promise<void>((resolve) => replica.wake.subscribe('outbox', resolve));
    await expect(
      transaction(database, async (trx) => {
        wakeAfterCommit(trx, 'runner');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await transaction(database, async (trx) => wakeAfterCommit(trx, 'outbox'));
    await outboxWoken;
    // NOTIFYs reach a listener in commit order: had the rolled-back one been sent, it came first.
    expect(wakes.counts).toEqual({ runner: 0, outbox: 1, escalation: 0, events: 0 });
    wakes.stop();
  });

  it('GIVEN one replica holds an advisory lock THEN the other cannot take it until that transaction ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = transaction(database, async (trx) => {
      expect(await tryAdvisoryXactLock(trx, 'sweep:outbox')).toBe(true);
      locked();
      await held;
    });
    await isLocked;
    await transaction(replica, async (trx) => {
      expect(await tryAdvisoryXactLock(trx, 'sweep:outbox')).toBe(false);
    });
    release();
    await holder;
    await transaction(replica, async (trx) => {
      expect(await tryAdvisoryXactLock(trx, 'sweep:outbox')).toBe(true);
    });
  });
});
