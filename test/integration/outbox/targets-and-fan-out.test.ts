import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getRunChannel, listMessageRefs, upsertRunChannel } from '../../../src/store';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { T0, at, createTestRun } from '../../support/store-fixtures';
import { FakeChatAdapter } from './fake-chat-adapter';
import { deliveries, deliveryWith, queue, rowOf, testCard } from './outbox-fixtures';

const pending = testCard('Gate 9: review the copy');
const approved = testCard('Gate 9: approved by Ana', { tone: 'success' });

describe.each(testDatabases())('outbox targets and fan-out on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());
  beforeEach(() => resetDatabase(database));

  describe('GIVEN a gate card posted to Discord and to Slack', () => {
    let discord: FakeChatAdapter;
    let slack: FakeChatAdapter;
    beforeEach(() => {
      discord = new FakeChatAdapter('discord');
      slack = new FakeChatAdapter('slack');
    });

    async function postBoth() {
      const { delivery } = deliveryWith(database, [discord, slack]);
      await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'discord', target: { type: 'channel', channelId: 'D-reviews' }, card: pending });
      await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'slack', target: { type: 'channel', channelId: 'S-reviews' }, card: pending });
      expect(await delivery.deliverDue(T0)).toEqual({ sent: 2, failed: 0, deferred: 0 });
      return delivery;
    }

    it('WHEN the decision queues one update per platform THEN both copies are edited', async () => {
      const delivery = await postBoth();
      await queue(database.db, { kind: 'update', subject: 'gate:9', platform: 'discord', card: approved, now: at(1_000) });
      await queue(database.db, { kind: 'update', subject: 'gate:9', platform: 'slack', card: approved, now: at(1_000) });
      expect(await delivery.deliverDue(at(1_000))).toEqual({ sent: 2, failed: 0, deferred: 0 });
      expect(discord.updates).toEqual([{ ref: discord.posts[0]?.ref, card: approved }]);
      expect(slack.updates).toEqual([{ ref: slack.posts[0]?.ref, card: approved }]);
    });

    it('WHEN the decision queues one update for every platform THEN both copies are edited', async () => {
      const delivery = await postBoth();
      const id = await queue(database.db, { kind: 'update', subject: 'gate:9', platform: null, card: approved, now: at(1_000) });
      expect(await delivery.deliverDue(at(1_000))).toEqual({ sent: 1, failed: 0, deferred: 0 });
      expect(discord.updates.map((u) => u.ref.channelId)).toEqual(['D-reviews']);
      expect(slack.updates.map((u) => u.ref.channelId)).toEqual(['S-reviews']);
      expect(await rowOf(database.db, id)).toMatchObject({ status: 'sent' });
    });
  });

  it('GIVEN a DM THEN the user gets the card and the copy is recorded for later edits', async () => {
    const slack = new FakeChatAdapter('slack');
    const { delivery } = deliveryWith(database, [slack]);
    const id = await queue(database.db, { kind: 'dm', subject: 'gate:9', platform: 'slack', target: { type: 'user', userId: 'U-ana' }, card: pending });
    expect(await delivery.deliverDue(T0)).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(slack.dms).toEqual([expect.objectContaining({ userId: 'U-ana', card: pending })]);
    expect(await listMessageRefs(database.db, 'gate:9')).toEqual([expect.objectContaining({ platform: 'slack', messageId: slack.dms[0]?.ref.messageId, outboxId: id })]);

    await queue(database.db, { kind: 'update', subject: 'gate:9', platform: 'slack', card: approved, now: at(1_000) });
    await delivery.deliverDue(at(1_000));
    expect(slack.updates).toEqual([{ ref: slack.dms[0]?.ref, card: approved }]);
  });

  it("GIVEN the run's status card opens its thread WHEN a gate card for the run's thread is queued with it THEN the gate card lands in that thread", async () => {
    const { run } = await createTestRun(database.db);
    const discord = new FakeChatAdapter('discord');
    const { delivery } = deliveryWith(database, [discord]);
    await queue(database.db, {
      kind: 'post',
      subject: `run:${run.id}`,
      platform: 'discord',
      target: { type: 'channel', channelId: 'D-runs', openThreadForRun: { runId: run.id, name: 'Run 1: test pipeline' } },
      card: testCard('Run 1', { kind: 'run-status' }),
    });
    const gateId = await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'discord', target: { type: 'run-thread', runId: run.id }, card: pending });

    // One pass: the platform's rows go in id order, so the thread exists when the gate card looks.
    expect(await delivery.deliverDue(T0)).toEqual({ sent: 2, failed: 0, deferred: 0 });
    const status = discord.posts[0]?.ref;
    expect(discord.threads).toEqual([{ under: status, name: 'Run 1: test pipeline', threadId: `${status?.messageId}-thread` }]);
    expect(await getRunChannel(database.db, run.id, 'discord')).toMatchObject({ channelId: 'D-runs', threadId: `${status?.messageId}-thread`, statusMessageId: status?.messageId });
    expect(discord.posts[1]?.target).toEqual({ channelId: 'D-runs', threadId: `${status?.messageId}-thread` });
    expect(await rowOf(database.db, gateId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('GIVEN the post that opens the thread is failing THEN the waiting gate card follows its backoff instead of spinning', async () => {
    const { run } = await createTestRun(database.db);
    const discord = new FakeChatAdapter('discord').failNext(1);
    const { delivery } = deliveryWith(database, [discord]);
    await queue(database.db, {
      kind: 'post',
      subject: `run:${run.id}`,
      platform: 'discord',
      target: { type: 'channel', channelId: 'D-runs', openThreadForRun: { runId: run.id, name: 'Run 1' } },
      card: testCard('Run 1', { kind: 'run-status' }),
    });
    const gateId = await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'discord', target: { type: 'run-thread', runId: run.id }, card: pending });

    // Waits (uncounted) until the opener's next try, not a short tick at a time.
    expect(await delivery.deliverDue(T0)).toEqual({ sent: 0, failed: 1, deferred: 1 });
    expect(await rowOf(database.db, gateId)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(5_000) });
    expect(await delivery.deliverDue(at(4_999))).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(await delivery.deliverDue(at(5_000))).toEqual({ sent: 2, failed: 0, deferred: 0 });
    expect(discord.posts[1]?.target.threadId).toBe(`${discord.posts[0]?.ref.messageId}-thread`);
  });

  it('GIVEN a platform without threads THEN run-thread posts go to the channel the status card was posted in', async () => {
    const { run } = await createTestRun(database.db);
    const slack = new FakeChatAdapter('slack', { threads: false });
    const { delivery } = deliveryWith(database, [slack]);
    await queue(database.db, {
      kind: 'post',
      subject: `run:${run.id}`,
      platform: 'slack',
      target: { type: 'channel', channelId: 'S-runs', openThreadForRun: { runId: run.id, name: 'Run 1' } },
      card: testCard('Run 1', { kind: 'run-status' }),
    });
    await delivery.deliverDue(T0);
    await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'slack', target: { type: 'run-thread', runId: run.id }, card: pending, now: at(1_000) });
    expect(await delivery.deliverDue(at(1_000))).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(slack.posts[1]?.target).toEqual({ channelId: 'S-runs', threadId: null });
  });

  it('GIVEN a run whose thread exists already THEN a run-thread post goes straight into it', async () => {
    const { run } = await createTestRun(database.db);
    await upsertRunChannel(database.db, { runId: run.id, platform: 'discord', channelId: 'D-runs', threadId: 'T-42', statusMessageId: 'M-1' });
    const discord = new FakeChatAdapter('discord');
    const { delivery } = deliveryWith(database, [discord]);
    await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'discord', target: { type: 'run-thread', runId: run.id }, card: pending });
    await delivery.deliverDue(T0);
    expect(discord.posts[0]?.target).toEqual({ channelId: 'D-runs', threadId: 'T-42' });
  });

  it('GIVEN a run with no place on the platform at all THEN the post fails with a reason and is retried, bounded', async () => {
    const { run } = await createTestRun(database.db);
    const discord = new FakeChatAdapter('discord');
    const { delivery } = deliveryWith(database, [discord]);
    const id = await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'discord', target: { type: 'run-thread', runId: run.id }, card: pending });
    expect(await delivery.deliverDue(T0)).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'pending', attempts: 1, lastError: `run ${run.id} has no channel on discord: nothing in run_channels and no post queued to open its thread` });
  });

  it('GIVEN rows for a platform with no adapter THEN they are dead at once with the reason, and other platforms still deliver', async () => {
    const discord = new FakeChatAdapter('discord');
    const { delivery, metrics } = deliveryWith(database, [discord]);
    const post = await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'slack', target: { type: 'channel', channelId: 'S-reviews' }, card: pending });
    const update = await queue(database.db, { kind: 'update', subject: 'gate:10', platform: 'slack', card: approved });
    await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'discord', target: { type: 'channel', channelId: 'D-reviews' }, card: pending });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 1, failed: 2, deferred: 0 });
    for (const id of [post, update]) {
      expect(await rowOf(database.db, id)).toMatchObject({
        status: 'dead',
        attempts: 1,
        lastError: 'no chat adapter is configured for slack, so this message cannot be sent: configure slack and requeue it, or stop addressing slack',
      });
    }
    expect(discord.posts).toHaveLength(1);
    expect(await deliveries(metrics, 'dead', 'slack')).toBe(2);
  });

  it('GIVEN a row whose target does not fit its kind THEN it is given up with a sentence saying so', async () => {
    const discord = new FakeChatAdapter('discord');
    const { delivery } = deliveryWith(database, [discord]);
    const wrong = await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'discord', target: { type: 'user', userId: 'U-1' }, card: pending });
    const broken = await queue(database.db, { kind: 'dm', subject: 'gate:11', platform: 'discord', target: { type: 'user' }, card: pending });
    await delivery.deliverDue(T0);
    expect(await rowOf(database.db, wrong)).toMatchObject({ status: 'failed', lastError: `outbox ${wrong}: a post cannot go to a user target (expected channel or run-thread)` });
    expect((await rowOf(database.db, broken)).lastError).toContain(`outbox ${broken} has an unreadable target: userId`);
    expect(discord.attempts).toBe(0);
  });
});
