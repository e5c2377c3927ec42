import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../../src/domain/card';
import {
  addMessageRef,
  claimDueOutboxInOrder,
  enqueueOutbox,
  getOutboxMessage,
  getRunChannel,
  listMessageRefs,
  listOutboxFailures,
  listRunChannels,
  markOutboxFailed,
  markOutboxSent,
  outboxBackoffMs,
  releaseOutboxClaims,
  requeueOutbox,
  transaction,
  upsertRunChannel,
  type NewOutboxMessage,
} from '../../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { at, createTestRun } from '../../support/store-fixtures';

const card: Card = {
  kind: 'gate',
  title: 'Review expert framework',
  summary: 'Gate 17 waits for a decision',
  tone: 'pending',
  fields: [{ label: 'Run', value: '#5', inline: true }],
  actions: [{ id: 'gate:17:approve', label: 'Approve', style: 'primary' }],
  timestamp: at(0),
};

describe.each(testDatabases())('outbox and message refs on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());
  beforeEach(() => resetDatabase(database));

  let n = 0;
  const enqueue = (overrides: Partial<NewOutboxMessage> = {}) =>
    enqueueOutbox(database.db, { dedupeKey: `k${++n}`, kind: 'post', subject: `gate:${n}`, target: { channelId: 'C1' }, payload: card, now: at(0), ...overrides });
  const claim = (now: Date, owner = 'sender-1', limit = 10) => transaction(database, async (trx) => (await claimDueOutboxInOrder(trx, { owner, now, lockMs: 30_000, limit })).messages);

  it('GIVEN the same dedupe key twice THEN one message is queued and the second call gets its id', async () => {
    const first = await enqueue({ dedupeKey: 'gate:17:opened' });
    const second = await enqueue({ dedupeKey: 'gate:17:opened', subject: 'other' });
    expect(first.enqueued).toBe(true);
    expect(second).toEqual({ id: first.id, enqueued: false });
    const stored = await getOutboxMessage(database.db, first.id);
    expect(stored).toMatchObject({ subject: 'gate:1', status: 'pending', attempts: 0, target: { channelId: 'C1' }, platform: null });
    expect(stored!.payload).toEqual(card);
  });

  it('GIVEN messages due now, later and sent THEN a claim takes only the due ones and locks them', async () => {
    const now = await enqueue();
    const later = await enqueue({ notBefore: at(60_000) });
    const claimed = await claim(at(1000));
    expect(claimed.map((m) => m.id)).toEqual([now.id]);
    expect(claimed[0]).toMatchObject({ status: 'sending', attempts: 1, lockedBy: 'sender-1', lockedUntil: at(31_000) });
    expect(await claim(at(1000), 'sender-2')).toEqual([]);
    expect(await markOutboxSent(database.db, { id: now.id, owner: 'sender-1', now: at(2000) })).toBe(true);
    expect((await claim(at(60_000))).map((m) => m.id)).toEqual([later.id]);
    expect(await getOutboxMessage(database.db, now.id)).toMatchObject({ status: 'sent', sentAt: at(2000), lockedBy: null });
  });

  it('GIVEN a sender that died holding a message THEN it is claimed again once its lock runs out, and the late sender is refused', async () => {
    const msg = await enqueue();
    await claim(at(0), 'dead-sender');
    expect(await claim(at(30_000), 'sender-2')).toEqual([]);
    const [again] = await claim(at(30_001), 'sender-2');
    expect(again).toMatchObject({ id: msg.id, attempts: 2, lockedBy: 'sender-2' });
    expect(await markOutboxSent(database.db, { id: msg.id, owner: 'dead-sender', now: at(30_002) })).toBe(false);
    expect(await markOutboxFailed(database.db, { id: msg.id, owner: 'dead-sender', now: at(30_002), error: 'x', retryable: true })).toBeUndefined();
  });

  it('GIVEN several messages about one subject THEN they go in order: an update waits for its post', async () => {
    const post = await enqueue({ subject: 'gate:17' });
    const update = await enqueue({ subject: 'gate:17', kind: 'update', target: null });
    const unrelated = await enqueue({ subject: 'run:5' });
    expect((await claim(at(0))).map((m) => m.id)).toEqual([post.id, unrelated.id]);
    expect(await claim(at(1))).toEqual([]);
    await markOutboxFailed(database.db, { id: post.id, owner: 'sender-1', now: at(2), error: '503', retryable: true });
    expect(await claim(at(3))).toEqual([]); // the post is retrying later; the update still waits
    const [retried] = await claim(at(2 + outboxBackoffMs(1)));
    expect(retried!.id).toBe(post.id);
    await markOutboxSent(database.db, { id: post.id, owner: 'sender-1', now: at(6000) });
    expect((await claim(at(6001))).map((m) => m.id)).toEqual([update.id]);
  });

  it('GIVEN one platform retrying a post THEN only that platform waits; other platforms and pages go on', async () => {
    const slackPost = await enqueue({ subject: 'gate:20', platform: 'slack' });
    const slackUpdate = await enqueue({ subject: 'gate:20', platform: 'slack', kind: 'update', target: null });
    const discordPost = await enqueue({ subject: 'gate:20', platform: 'discord' });
    const page = await enqueue({ subject: 'gate:20', kind: 'page', target: null });
    const everywhere = await enqueue({ subject: 'gate:20', kind: 'update', target: null });
    expect((await claim(at(0))).map((m) => m.id)).toEqual([slackPost.id, discordPost.id, page.id]);
    await markOutboxFailed(database.db, { id: slackPost.id, owner: 'sender-1', now: at(1), error: 'slack is down', retryable: true });
    await markOutboxSent(database.db, { id: discordPost.id, owner: 'sender-1', now: at(1) });
    // The slack update waits for the slack post; an every-platform update waits for any earlier row.
    expect(await claim(at(2))).toEqual([]);
    const [retried] = await claim(at(1 + outboxBackoffMs(1)));
    expect(retried!.id).toBe(slackPost.id);
    await markOutboxSent(database.db, { id: slackPost.id, owner: 'sender-1', now: at(6000) });
    expect((await claim(at(6001))).map((m) => m.id)).toEqual([slackUpdate.id]);
    await markOutboxSent(database.db, { id: slackUpdate.id, owner: 'sender-1', now: at(6002) });
    expect((await claim(at(6003))).map((m) => m.id)).toEqual([everywhere.id]);
  });

  it('GIVEN failures THEN retryable ones back off from the injected now, give up after the maximum, and stay visible', async () => {
    const policy = { maxAttempts: 3, backoffMs: (attempts: number) => attempts * 1000 };
    const msg = await enqueue();
    let now = 0;
    for (let attempt = 1; attempt <= 2; attempt++) {
      await claim(at(now));
      const failed = await markOutboxFailed(database.db, { id: msg.id, owner: 'sender-1', now: at(now), error: `HTTP 503 #${attempt}`, retryable: true, policy });
      expect(failed).toMatchObject({ status: 'pending', attempts: attempt, nextAttemptAt: at(now + attempt * 1000), lastError: `HTTP 503 #${attempt}`, lockedBy: null });
      expect(await claim(at(now + attempt * 1000 - 1))).toEqual([]);
      now += attempt * 1000;
    }
    await claim(at(now));
    expect(await markOutboxFailed(database.db, { id: msg.id, owner: 'sender-1', now: at(now), error: 'HTTP 503 #3', retryable: true, policy })).toMatchObject({ status: 'dead', attempts: 3 });
    expect(await claim(at(now + 1_000_000))).toEqual([]);

    const forbidden = await enqueue();
    await claim(at(now));
    expect(await markOutboxFailed(database.db, { id: forbidden.id, owner: 'sender-1', now: at(now), error: 'Missing Access', retryable: false })).toMatchObject({ status: 'failed', attempts: 1 });

    const retrying = await enqueue();
    await claim(at(now));
    await markOutboxFailed(database.db, { id: retrying.id, owner: 'sender-1', now: at(now), error: 'timeout', retryable: true });

    expect((await listOutboxFailures(database.db)).map((m) => [m.id, m.status])).toEqual([
      [retrying.id, 'pending'],
      [forbidden.id, 'failed'],
      [msg.id, 'dead'],
    ]);
    expect(await requeueOutbox(database.db, msg.id, at(now))).toBe(true);
    expect(await requeueOutbox(database.db, retrying.id, at(now))).toBe(false);
    expect((await claim(at(now))).map((m) => [m.id, m.attempts])).toEqual([[msg.id, 1]]);
  });

  it('GIVEN the default policy THEN the backoff doubles from 5 s and stops growing at 15 min', () => {
    expect([1, 2, 3, 4].map(outboxBackoffMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(outboxBackoffMs(30)).toBe(15 * 60_000);
  });

  it('GIVEN a shutdown THEN a sender gives back what it holds, due at once', async () => {
    const msg = await enqueue();
    await claim(at(0), 'leaving');
    expect(await releaseOutboxClaims(database.db, { owner: 'leaving', now: at(10) })).toBe(1);
    expect((await claim(at(10), 'other')).map((m) => m.id)).toEqual([msg.id]);
  });

  it('GIVEN messages posted for a subject THEN every copy is listed, and recording one twice is harmless', async () => {
    const msg = await enqueue({ subject: 'gate:17' });
    const discord = { platform: 'discord' as const, channelId: 'C1', messageId: 'M1', threadId: 'T1' };
    const slack = { platform: 'slack' as const, channelId: 'S1', messageId: '1712.0001' };
    expect(await addMessageRef(database.db, { subject: 'gate:17', ref: discord, outboxId: msg.id, now: at(1) })).toBe(true);
    expect(await addMessageRef(database.db, { subject: 'gate:17', ref: discord, outboxId: msg.id, now: at(2) })).toBe(false);
    await addMessageRef(database.db, { subject: 'gate:17', ref: slack, now: at(3) });
    await addMessageRef(database.db, { subject: 'gate:18', ref: { ...slack, messageId: 'other' }, now: at(3) });
    expect(await listMessageRefs(database.db, 'gate:17')).toMatchObject([
      { ...discord, outboxId: msg.id, createdAt: at(1) },
      { ...slack, threadId: null, outboxId: null },
    ]);
    expect(await listMessageRefs(database.db, 'gate:17', { platform: 'slack' })).toHaveLength(1);
  });

  it('GIVEN a run posted on platforms THEN its thread and status card are kept per platform', async () => {
    const { run } = await createTestRun(database.db);
    await upsertRunChannel(database.db, { runId: run.id, platform: 'discord', channelId: 'C1', threadId: 'T1' });
    await upsertRunChannel(database.db, { runId: run.id, platform: 'discord', channelId: 'C1', statusMessageId: 'M9' });
    await upsertRunChannel(database.db, { runId: run.id, platform: 'slack', channelId: 'S1' });
    expect(await getRunChannel(database.db, run.id, 'discord')).toEqual({ runId: run.id, platform: 'discord', channelId: 'C1', threadId: 'T1', statusMessageId: 'M9' });
    expect((await listRunChannels(database.db, run.id)).map((c) => c.platform)).toEqual(['discord', 'slack']);
  });
});

describe.each(testDatabases({ only: 'postgres' }))('concurrent outbox senders on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());

  it('GIVEN two senders with open transactions at once THEN they claim disjoint messages', async () => {
    for (let i = 0; i < 6; i++) await enqueueOutbox(database.db, { dedupeKey: `p${i}`, kind: 'post', subject: `run:${i}`, payload: card, now: at(0) });
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>((resolve) => (release = resolve));
    const sender = (owner: string) =>
      transaction(database, async (trx) => {
        const { messages: got } = await claimDueOutboxInOrder(trx, { owner, now: at(0), lockMs: 1000, limit: 3 });
        if (++arrived === 2) release();
        await both;
        return got.map((m) => m.id);
      });
    const [one, two] = await Promise.all([sender('s1'), sender('s2')]);
    expect(one).toHaveLength(3);
    expect(two).toHaveLength(3);
    expect(new Set([...one, ...two]).size).toBe(6);
  });
});
