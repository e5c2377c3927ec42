import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChatDeliveryError, listDeliveryProblems } from '../../../src/outbox';
import { addMessageRef, listMessageRefs, markOutboxSent } from '../../../src/store';
import { claimDueOutboxInOrder } from '../../../src/store/outbox-ordering.store';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { T0, at } from '../../support/store-fixtures';
import { FakeChatAdapter } from './fake-chat-adapter';
import { deliveries, deliveryWith, queue, rowOf, testCard } from './outbox-fixtures';

const channel = { type: 'channel', channelId: 'C-reviews' } as const;

describe.each(testDatabases())('outbox retries, restarts and crashed senders on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());
  beforeEach(() => resetDatabase(database));

  it('GIVEN a platform that fails three times THEN the card arrives exactly once, on the backoff schedule of the injected clock', async () => {
    const discord = new FakeChatAdapter('discord').failNext(3);
    const { delivery, metrics } = deliveryWith(database, [discord]);
    const id = await queue(database.db, { kind: 'post', subject: 'gate:1', platform: 'discord', target: channel, card: testCard('Review spec') });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(5_000), lastError: 'discord is unavailable (503)' });

    // Not due before its backoff has passed, by the injected clock.
    expect(await delivery.deliverDue(at(4_999))).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(discord.attempts).toBe(1);

    await delivery.deliverDue(at(5_000));
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: at(15_000) });
    await delivery.deliverDue(at(15_000));
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'pending', attempts: 3, nextAttemptAt: at(35_000) });
    expect(await delivery.deliverDue(at(34_999))).toEqual({ sent: 0, failed: 0, deferred: 0 });

    expect(await delivery.deliverDue(at(35_000))).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(discord.attempts).toBe(4);
    expect(discord.posts).toHaveLength(1);
    expect(discord.posts[0]?.card.title).toBe('Review spec');
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'sent', attempts: 4, sentAt: at(35_000), lastError: null, lockedBy: null });
    const refs = await listMessageRefs(database.db, 'gate:1');
    expect(refs).toEqual([expect.objectContaining({ platform: 'discord', channelId: 'C-reviews', messageId: discord.posts[0]?.ref.messageId, outboxId: id })]);
    expect(await deliveries(metrics, 'failed', 'discord')).toBe(3);
    expect(await deliveries(metrics, 'sent', 'discord')).toBe(1);

    // A restart (a new sender, much later) never sends a row marked sent again.
    const restarted = deliveryWith(database, [discord], { owner: 'after-restart' }).delivery;
    expect(await restarted.deliverDue(at(3_600_000))).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(discord.posts).toHaveLength(1);
  });

  it('GIVEN a row claimed by sender A that died WHEN its lock runs out THEN sender B delivers it once and A can no longer settle it', async () => {
    const discord = new FakeChatAdapter('discord');
    const id = await queue(database.db, { kind: 'post', subject: 'gate:2', platform: 'discord', target: channel, card: testCard('Crash') });
    const claimedByA = await claimDueOutboxInOrder(database.db, { owner: 'sender-a', now: T0, lockMs: 30_000, limit: 10 });
    expect(claimedByA.messages.map((m) => m.id)).toEqual([id]);

    const { delivery: senderB } = deliveryWith(database, [discord], { owner: 'sender-b' });
    expect(await senderB.deliverDue(at(29_999))).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(discord.posts).toHaveLength(0);

    expect(await senderB.deliverDue(at(30_001))).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(await senderB.deliverDue(at(60_000))).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(discord.posts).toHaveLength(1);
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await markOutboxSent(database.db, { id, owner: 'sender-a', now: at(61_000) })).toBe(false);
  });

  it('GIVEN sender A died after its post landed and was recorded WHEN B takes the row over THEN B finishes it without posting again', async () => {
    const discord = new FakeChatAdapter('discord');
    const id = await queue(database.db, { kind: 'post', subject: 'gate:3', platform: 'discord', target: channel, card: testCard('Landed') });
    await claimDueOutboxInOrder(database.db, { owner: 'sender-a', now: T0, lockMs: 30_000, limit: 10 });
    const landed = await discord.post({ channelId: 'C-reviews' }, testCard('Landed'));
    await addMessageRef(database.db, { subject: 'gate:3', ref: landed, outboxId: id, now: T0 });

    const { delivery: senderB } = deliveryWith(database, [discord], { owner: 'sender-b' });
    expect(await senderB.deliverDue(at(31_000))).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(discord.posts).toHaveLength(1);
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'sent' });
  });

  it('GIVEN a platform that stays down THEN the row goes dead after the last attempt and /factory status can list it', async () => {
    const slack = new FakeChatAdapter('slack').failNext(5);
    const { delivery, metrics } = deliveryWith(database, [slack], { retry: { maxAttempts: 2, backoffMs: () => 1_000 } });
    const id = await queue(database.db, { kind: 'post', subject: 'gate:4', platform: 'slack', target: channel, card: testCard('Down') });

    await delivery.deliverDue(T0);
    expect(await listDeliveryProblems(database.db, ['gate:4'])).toEqual([
      expect.objectContaining({ outboxId: id, state: 'retrying', attempts: 1, nextAttemptAt: at(1_000), lastError: 'slack is unavailable (503)' }),
    ]);
    expect(await delivery.deliverDue(at(1_000))).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'dead', attempts: 2 });
    expect(await delivery.deliverDue(at(60_000))).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(slack.attempts).toBe(2);
    expect(await listDeliveryProblems(database.db, ['gate:4'])).toEqual([expect.objectContaining({ outboxId: id, state: 'given-up', nextAttemptAt: null })]);
    expect(await listDeliveryProblems(database.db, ['gate:other'])).toEqual([]);
    expect(await deliveries(metrics, 'dead', 'slack')).toBe(1);
  });

  it('GIVEN an adapter error that says retrying cannot help THEN the row is given up at once, not retried', async () => {
    const discord = new FakeChatAdapter('discord').failNext(1, new ChatDeliveryError('Missing Access (50001)', { retryable: false }));
    const { delivery } = deliveryWith(database, [discord]);
    const id = await queue(database.db, { kind: 'post', subject: 'gate:5', platform: 'discord', target: channel, card: testCard('No access') });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Missing Access (50001)' });
    await delivery.deliverDue(at(3_600_000));
    expect(discord.attempts).toBe(1);
  });
});
