import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueOutbox, transaction } from '../../../src/store';
import { claimDueOutboxInOrder } from '../../../src/store/outbox-ordering.store';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { T0, at, createTestRun } from '../../support/store-fixtures';
import { FakeChatAdapter } from './fake-chat-adapter';
import { deliveryWith, queue, rowOf, testCard } from './outbox-fixtures';

const channel = { type: 'channel', channelId: 'D-1' } as const;

describe.each(testDatabases())('the outbox delivery loop on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());
  beforeEach(() => resetDatabase(database));

  it('GIVEN a started loop WHEN a transaction queues a message THEN the wake-up after commit delivers it', async () => {
    const discord = new FakeChatAdapter('discord');
    const { delivery } = deliveryWith(database, [discord]);
    delivery.start();
    try {
      await transaction(database, (trx) =>
        enqueueOutbox(trx, { dedupeKey: 'gate:1:posted', kind: 'post', subject: 'gate:1', platform: 'discord', target: channel, payload: testCard('Woken'), now: T0 }),
      );
      await discord.waitFor(() => discord.posts.length === 1);
      expect(discord.posts[0]?.card.title).toBe('Woken');
    } finally {
      await delivery.stop();
    }
  });

  it('GIVEN a send in flight WHEN stop() is called THEN it finishes that send, gives back the rest uncounted and only then resolves', async () => {
    const discord = new FakeChatAdapter('discord');
    const release = discord.holdSends();
    const first = await queue(database.db, { kind: 'post', subject: 'gate:1', platform: 'discord', target: channel, card: testCard('First') });
    const second = await queue(database.db, { kind: 'post', subject: 'gate:2', platform: 'discord', target: channel, card: testCard('Second') });
    const { delivery } = deliveryWith(database, [discord]);
    delivery.start();
    await discord.waitFor(() => discord.attempts === 1);

    let stopped = false;
    const stopping = delivery.stop().then(() => (stopped = true));
    for (let i = 0; i < 5; i++) await yieldToEvents();
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(discord.posts.map((p) => p.card.title)).toEqual(['First']);
    expect(await rowOf(database.db, first)).toMatchObject({ status: 'sent' });
    expect(await rowOf(database.db, second)).toMatchObject({ status: 'pending', attempts: 0, lockedBy: null });
  });

  it('GIVEN a row whose stored card cannot be read THEN it is given up and the rest of the batch is delivered', async () => {
    const discord = new FakeChatAdapter('discord');
    const { delivery } = deliveryWith(database, [discord]);
    const bad = await database.db
      .insertInto('outbox')
      .values({ dedupe_key: 'bad', kind: 'post', subject: 'gate:1', platform: 'discord', target: JSON.stringify(channel), payload: JSON.stringify({ nope: true }), status: 'pending', next_attempt_at: T0, created_at: T0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await queue(database.db, { kind: 'post', subject: 'gate:2', platform: 'discord', target: channel, card: testCard('Fine') });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 1, failed: 1, deferred: 0 });
    const row = await database.db.selectFrom('outbox').select(['status', 'last_error']).where('id', '=', bad.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain(`outbox ${bad.id} cannot be read`);
    expect(discord.posts.map((p) => p.card.title)).toEqual(['Fine']);
  });

  it("GIVEN another sender is posting the run's status card WHEN a gate card for the run's thread is due THEN it waits a moment, uncounted", async () => {
    const { run } = await createTestRun(database.db);
    const discord = new FakeChatAdapter('discord');
    const { delivery } = deliveryWith(database, [discord]);
    await queue(database.db, {
      kind: 'post',
      subject: `run:${run.id}`,
      platform: 'discord',
      target: { type: 'channel', channelId: 'D-runs', openThreadForRun: { runId: run.id, name: 'Run' } },
      card: testCard('Run', { kind: 'run-status' }),
    });
    const gate = await queue(database.db, { kind: 'post', subject: 'gate:1', platform: 'discord', target: { type: 'run-thread', runId: run.id }, card: testCard('Gate') });
    await claimDueOutboxInOrder(database.db, { owner: 'other-replica', now: T0, lockMs: 30_000, limit: 1 });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 0, failed: 0, deferred: 1 });
    expect(await rowOf(database.db, gate)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(2_000) });
    expect(discord.attempts).toBe(0);
  });
});
