import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChatDeliveryError } from '../../../src/outbox';
import { requeueOutbox } from '../../../src/store';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { T0, at } from '../../support/store-fixtures';
import { FakeChatAdapter } from './fake-chat-adapter';
import { deliveries, deliveryWith, queue, rowOf, testCard } from './outbox-fixtures';

const channel = { type: 'channel', channelId: 'C-reviews' } as const;
const pending = testCard('Gate 7: review the plan');
const approved = testCard('Gate 7: approved by Ana', { tone: 'success' });

describe.each(testDatabases())('outbox updates: order and coalescing on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());
  beforeEach(() => resetDatabase(database));

  it('GIVEN an update queued behind a post that is still failing THEN it waits for the post and then edits that very message', async () => {
    const discord = new FakeChatAdapter('discord').failNext(1);
    const { delivery } = deliveryWith(database, [discord]);
    const postId = await queue(database.db, { kind: 'post', subject: 'gate:7', platform: 'discord', target: channel, card: pending });
    const updateId = await queue(database.db, { kind: 'update', subject: 'gate:7', platform: 'discord', card: approved });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect(await rowOf(database.db, updateId)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(discord.updates).toHaveLength(0);

    // The post goes out, then (same pass, next round) the update edits it.
    expect(await delivery.deliverDue(at(5_000))).toEqual({ sent: 2, failed: 0, deferred: 0 });
    expect(discord.posts).toHaveLength(1);
    expect(discord.updates).toEqual([{ ref: discord.posts[0]?.ref, card: approved }]);
    expect(await rowOf(database.db, postId)).toMatchObject({ status: 'sent' });
    expect(await rowOf(database.db, updateId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('GIVEN two updates queued for one card THEN only the newest card is applied, the older one is superseded', async () => {
    const discord = new FakeChatAdapter('discord');
    const { delivery, metrics } = deliveryWith(database, [discord]);
    await queue(database.db, { kind: 'post', subject: 'gate:7', platform: 'discord', target: channel, card: pending });
    await delivery.deliverDue(T0);

    const claimed = testCard('Gate 7: claimed by Bo');
    const older = await queue(database.db, { kind: 'update', subject: 'gate:7', platform: 'discord', card: claimed, now: at(1_000) });
    const newer = await queue(database.db, { kind: 'update', subject: 'gate:7', platform: 'discord', card: approved, now: at(2_000) });
    expect(await delivery.deliverDue(at(3_000))).toEqual({ sent: 2, failed: 0, deferred: 0 });

    expect(discord.updates.map((u) => u.card.title)).toEqual([approved.title]);
    expect(await rowOf(database.db, older)).toMatchObject({ status: 'sent' });
    expect(await rowOf(database.db, newer)).toMatchObject({ status: 'sent' });
    expect(await deliveries(metrics, 'superseded', 'discord')).toBe(1);
  });

  it('GIVEN an update for a card never posted THEN it is marked sent with nothing to edit', async () => {
    const discord = new FakeChatAdapter('discord');
    const { delivery } = deliveryWith(database, [discord]);
    const id = await queue(database.db, { kind: 'update', subject: 'gate:8', platform: 'discord', card: approved });
    expect(await delivery.deliverDue(T0)).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'sent' });
    expect(discord.attempts).toBe(0);
  });

  it('GIVEN a post that was given up WHEN an update comes and the post is requeued later THEN the post goes out with the newest card', async () => {
    const discord = new FakeChatAdapter('discord').failNext(1, new ChatDeliveryError('Unknown Channel (10003)', { retryable: false }));
    const { delivery } = deliveryWith(database, [discord]);
    const postId = await queue(database.db, { kind: 'post', subject: 'gate:7', platform: 'discord', target: channel, card: pending });
    await delivery.deliverDue(T0);
    expect(await rowOf(database.db, postId)).toMatchObject({ status: 'failed' });

    const updateId = await queue(database.db, { kind: 'update', subject: 'gate:7', platform: 'discord', card: approved, now: at(1_000) });
    expect(await delivery.deliverDue(at(1_000))).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(await rowOf(database.db, updateId)).toMatchObject({ status: 'sent' });
    expect((await rowOf(database.db, postId)).payload.title).toBe(approved.title);

    expect(await requeueOutbox(database.db, postId, at(2_000))).toBe(true);
    await delivery.deliverDue(at(2_000));
    expect(discord.posts.map((p) => p.card.title)).toEqual([approved.title]);
  });

  it('GIVEN Slack is down WHEN a gate is decided THEN the Discord copy is edited at once and the Slack copy waits', async () => {
    const discord = new FakeChatAdapter('discord');
    const slack = new FakeChatAdapter('slack').failNext(2);
    const { delivery } = deliveryWith(database, [discord, slack]);
    await queue(database.db, { kind: 'post', subject: 'gate:7', platform: 'slack', target: { type: 'channel', channelId: 'C0SLACK' }, card: pending });
    await queue(database.db, { kind: 'post', subject: 'gate:7', platform: 'discord', target: channel, card: pending });
    await queue(database.db, { kind: 'update', subject: 'gate:7', platform: 'slack', card: approved });
    await queue(database.db, { kind: 'update', subject: 'gate:7', platform: 'discord', card: approved });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 2, failed: 1, deferred: 0 });
    expect(discord.updates.map((u) => u.card.title)).toEqual([approved.title]);
    expect(slack.posts).toHaveLength(0);

    await delivery.deliverDue(at(5_000));
    await delivery.deliverDue(at(15_000));
    expect(slack.posts).toHaveLength(1);
    expect(slack.updates).toEqual([{ ref: slack.posts[0]?.ref, card: approved }]);
  });
});
