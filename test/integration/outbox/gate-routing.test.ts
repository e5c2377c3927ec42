import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/domain/records';
import { Notifier, type NotifierOptions } from '../../../src/runner/notifier';
import { listOutboxForSubject, upsertRunChannel } from '../../../src/store';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { T0, at, createTestRun } from '../../support/store-fixtures';
import { FakeChatAdapter } from './fake-chat-adapter';
import { deliveryWith, testCard } from './outbox-fixtures';

const card = testCard('Gate 9: review the copy');
const approved = testCard('Gate 9: approved by Ana', { tone: 'success' });
const TASKS = { tasks: { discord: 'D-tasks', slack: 'S-tasks' } };

/** Where each queued row of a subject goes: `platform target`. */
async function targetsOf(database: TestDatabaseHandle, subject: string): Promise<string[]> {
  const rows = await listOutboxForSubject(database.db, subject);
  return rows.map((r) => `${r.platform} ${JSON.stringify(r.target)}`);
}

describe.each(testDatabases())('where a gate card goes on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let run: RunRecord;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await resetDatabase(database);
    // Started from Discord channel C1, with its thread T-1.
    ({ run } = await createTestRun(database.db));
    await upsertRunChannel(database.db, { runId: run.id, platform: 'discord', channelId: 'C1', threadId: 'T-1', statusMessageId: 'M-1' });
  });

  async function openGate(options: Partial<NotifierOptions>, of: RunRecord = run): Promise<void> {
    const notifier = new Notifier({ platforms: ['discord', 'slack'], channels: {}, ...options });
    await notifier.gateOpened(database.db, of, { id: '9', blockId: of.template.blocks[0]!.id, assignee: null }, card, T0);
  }
  const linkSubject = () => `run:${run.id}:gate:9:link`;

  it('GIVEN a tasks channel on each platform THEN the card goes only there and the run thread gets a link line', async () => {
    await openGate({ channels: TASKS });
    expect(await targetsOf(database, 'gate:9')).toEqual([
      'discord {"type":"channel","channelId":"D-tasks"}',
      'slack {"type":"channel","channelId":"S-tasks"}',
    ]);
    expect(await targetsOf(database, linkSubject())).toEqual([`discord {"type":"run-thread","runId":"${run.id}"}`]);

    const discord = new FakeChatAdapter('discord');
    const slack = new FakeChatAdapter('slack');
    const { delivery } = deliveryWith(database, [discord, slack]);
    expect(await delivery.deliverDue(T0)).toEqual({ sent: 3, failed: 0, deferred: 0 });
    expect(discord.posts.map((p) => [p.target, p.card.kind])).toEqual([
      [{ channelId: 'D-tasks', threadId: null }, 'gate'],
      [{ channelId: 'C1', threadId: 'T-1' }, 'notice'],
    ]);
    expect(discord.posts[1]?.card.title).toBe('🔔 Gate 9 is waiting for review: see #tasks');
    expect(slack.posts.map((p) => p.target)).toEqual([{ channelId: 'S-tasks', threadId: null }]);

    // The decision edits the card where it is and leaves the link line alone.
    const notifier = new Notifier({ platforms: ['discord', 'slack'], channels: TASKS });
    await notifier.updateSubject(database.db, 'gate:9', approved, 'v2', at(1_000));
    await delivery.deliverDue(at(1_000));
    expect(discord.updates).toEqual([{ ref: discord.posts[0]?.ref, card: approved }]);
    expect(slack.updates).toEqual([{ ref: slack.posts[0]?.ref, card: approved }]);
  });

  it('GIVEN no tasks channel THEN the card goes to the run’s channel as before, with no link line', async () => {
    await openGate({});
    expect(await targetsOf(database, 'gate:9')).toEqual(['discord {"type":"channel","channelId":"C1"}']);
    expect(await targetsOf(database, linkSubject())).toEqual([]);
  });

  it('GIVEN a tasks channel only on another platform THEN the run’s platform keeps its card in the run’s channel', async () => {
    await openGate({ channels: { tasks: { slack: 'S-tasks' } } });
    expect(await targetsOf(database, 'gate:9')).toEqual(['discord {"type":"channel","channelId":"C1"}', 'slack {"type":"channel","channelId":"S-tasks"}']);
    expect(await targetsOf(database, linkSubject())).toEqual([]);
  });

  it('GIVEN the run was started in the tasks channel itself THEN one card there and no link line', async () => {
    await openGate({ channels: { tasks: { discord: 'C1' } } });
    expect(await targetsOf(database, 'gate:9')).toEqual(['discord {"type":"channel","channelId":"C1"}']);
    expect(await targetsOf(database, linkSubject())).toEqual([]);
  });

  it('GIVEN a run started inside a thread THEN the link line goes into that thread', async () => {
    await openGate({ channels: TASKS }, { ...run, origin: { platform: 'discord', channelId: 'C1', threadId: 'T-9' } });
    expect(await targetsOf(database, 'gate:9')).toEqual(['discord {"type":"channel","channelId":"D-tasks"}', 'slack {"type":"channel","channelId":"S-tasks"}']);
    const [link] = await listOutboxForSubject(database.db, linkSubject());
    expect(link).toMatchObject({ platform: 'discord', target: { type: 'channel', channelId: 'C1', threadId: 'T-9' } });
  });

  it('GIVEN cards.gate_copies THEN the card goes to the run’s channel and every tasks channel, each copy edited on decision', async () => {
    await openGate({ channels: TASKS, gateCopies: true });
    expect(await targetsOf(database, 'gate:9')).toEqual([
      'discord {"type":"channel","channelId":"C1"}',
      'discord {"type":"channel","channelId":"D-tasks"}',
      'slack {"type":"channel","channelId":"S-tasks"}',
    ]);
    expect(await targetsOf(database, linkSubject())).toEqual([]);

    const discord = new FakeChatAdapter('discord');
    const slack = new FakeChatAdapter('slack');
    const { delivery } = deliveryWith(database, [discord, slack]);
    await delivery.deliverDue(T0);
    const notifier = new Notifier({ platforms: ['discord', 'slack'], channels: TASKS, gateCopies: true });
    await notifier.updateSubject(database.db, 'gate:9', approved, 'v2', at(1_000));
    await delivery.deliverDue(at(1_000));
    expect(discord.updates.map((u) => u.ref.channelId).sort()).toEqual(['C1', 'D-tasks']);
    expect(slack.updates.map((u) => u.ref.channelId)).toEqual(['S-tasks']);
  });
});
