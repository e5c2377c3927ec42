import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index';
import { runCommandText } from '../../../commands/dispatch';
import { silentLogger } from '../../../src/log';
import { EventFeed } from '../../../src/events/event-feed';
import { OutboxDelivery } from '../../../src/outbox';
import { appendAudit, transaction } from '../../../src/store';
import { WebhookDispatcher } from '../../../src/webhooks/webhook-dispatcher';
import { WebhookService } from '../../../src/webhooks/webhook-service';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, startFactory } from '../../support/factory-harness';
import { resetDatabase } from '../../support/reset-database';
import { createTestRun, testActor } from '../../support/store-fixtures';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

// Receivers check the timestamp against their own clock (5 minutes' tolerance), so this injected
// clock starts at the real time once and then moves only when a test says so.
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (ms: number) => new Date(T0.getTime() + ms);
const admin = testActor('Root', { platform: 'console', id: 'console' });
const config = { roles: undefined, permissions: { forbid_self_approval: false } } as never;

describe.each(testDatabases())('outbound webhooks on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    database = await open();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await database.close();
  });
  beforeEach(async () => {
    await resetDatabase(database);
    receiver.received.length = 0;
    receiver.answers.length = 0;
  });

  const setup = () => {
    const service = new WebhookService({ database, config });
    const feed = new EventFeed({ database, pollMs: 60_000, log: () => undefined });
    const dispatcher = new WebhookDispatcher({ database, feed, now: () => T0, log: () => undefined });
    const delivery = new OutboxDelivery({ database, adapters: new Map(), log: silentLogger(), owner: 'test', now: () => T0, lockMs: 30_000 });
    return { service, dispatcher, delivery };
  };
  const record = (runId: string, action: string, changes?: { from: string; to: string }) =>
    transaction(database, (trx) => appendAudit(trx, { at: T0, actor: testActor(), action, entityType: 'run', entityId: runId, runId, changes }));

  it('GIVEN a receiver that fails 3 times THEN after backoff it gets each event once, in order, with a signature standardwebhooks accepts', async () => {
    const { service, dispatcher, delivery } = setup();
    const { webhook, secret } = await service.add({ url: receiver.url, events: ['run.*'] }, admin, T0);
    expect(secret).toMatch(/^whsec_/);
    const runId = (await createTestRun(database.db)).run.id;
    await record(runId, 'run.created');
    await record(runId, 'gate.snoozed'); // not an event
    await record(runId, 'run.completed', { from: 'running', to: 'completed' });
    await dispatcher.dispatch();
    await dispatcher.dispatch(); // a second pass (another replica) queues nothing twice

    receiver.answers.push(500, 503, 500);
    // Try 1 of the first event fails; the second waits behind it (order per subscription).
    expect(await delivery.deliverDue(T0)).toMatchObject({ sent: 0, failed: 1 });
    expect((await service.get(webhook.id, admin)).deliveries).toMatchObject({ retrying: 1, sent: 0 });
    // Backoff 5 s, 10 s, 20 s: nothing is due before each.
    expect(await delivery.deliverDue(at(4_000))).toMatchObject({ sent: 0, failed: 0 });
    expect(await delivery.deliverDue(at(5_000))).toMatchObject({ failed: 1 });
    expect(await delivery.deliverDue(at(15_000))).toMatchObject({ failed: 1 });
    expect((await service.problems()).map((p) => p.id)).toEqual([webhook.id]);
    expect(await delivery.deliverDue(at(35_000))).toMatchObject({ sent: 2, failed: 0 });
    expect(await delivery.deliverDue(at(3_600_000))).toMatchObject({ sent: 0, failed: 0 });

    expect(receiver.received).toHaveLength(5);
    const wh = new Webhook(secret);
    const delivered = receiver.received.slice(3).map((r) => wh.verify(r.body, r.headers as Record<string, string>) as { type: string; id: string; data: { runId: string } });
    expect(delivered.map((e) => e.type)).toEqual(['run.created', 'run.completed']);
    expect(delivered.every((e) => e.data.runId === runId)).toBe(true);
    // Every try of one event carries the same webhook-id, so a receiver can deduplicate.
    expect(new Set(receiver.received.slice(0, 4).map((r) => r.headers['webhook-id']))).toEqual(new Set([`evt_${delivered[0]!.id}`]));
    expect((await service.get(webhook.id, admin)).deliveries).toMatchObject({ sent: 2, retrying: 0, failed: 0 });
    expect(await service.problems()).toEqual([]);
  });

  it('GIVEN a tampered body or another secret THEN standardwebhooks refuses the delivery', async () => {
    const { service, dispatcher, delivery } = setup();
    const { secret } = await service.add({ url: receiver.url, events: ['*'] }, admin, T0);
    const runId = (await createTestRun(database.db)).run.id;
    await record(runId, 'run.created');
    await dispatcher.dispatch();
    await delivery.deliverDue(T0);
    const [got] = receiver.received;
    const headers = got!.headers as Record<string, string>;
    expect(new Webhook(secret).verify(got!.body, headers)).toMatchObject({ type: 'run.created' });
    expect(() => new Webhook(secret).verify(got!.body.replace('run.created', 'run.failed'), headers)).toThrow();
    expect(() => new Webhook('whsec_' + Buffer.alloc(24, 7).toString('base64')).verify(got!.body, headers)).toThrow();
    expect(Number(headers['webhook-timestamp'])).toBe(Math.floor(T0.getTime() / 1000));
  });

  it('GIVEN a receiver that always fails THEN the delivery is given up, shown as failed, and redelivered on request', async () => {
    const { service, dispatcher } = setup();
    const dead = new OutboxDelivery({ database, adapters: new Map(), log: silentLogger(), owner: 'test', now: () => T0, lockMs: 30_000, retry: { maxAttempts: 2, backoffMs: () => 1_000 } });
    const { webhook } = await service.add({ url: receiver.url, events: ['run.created'] }, admin, T0);
    const runId = (await createTestRun(database.db)).run.id;
    await record(runId, 'run.created');
    await dispatcher.dispatch();
    receiver.answers.push(500, 500);
    await dead.deliverDue(T0);
    await dead.deliverDue(at(1_000));
    const shown = await service.get(webhook.id, admin);
    expect(shown.deliveries).toMatchObject({ failed: 1, sent: 0 });
    expect(shown.deliveries.lastError).toContain('answered 500');
    expect(shown.recent[0]).toMatchObject({ type: 'run.created', status: 'dead' });
    // /factory status shows it, with the command that redelivers.
    const factory = await startFactory(database, { startRunner: false });
    const reply = await runCommandText({ commands: COMMANDS, service: factory.service, log: { error: () => undefined } }, { actor: consoleActor, origin: { platform: 'console', channelId: 'console' }, now: at(1_500) }, 'status');
    await factory.stop();
    const sections = reply.type === 'card' ? (reply.card.sections ?? []) : [];
    expect(sections).toContainEqual(expect.objectContaining({ title: `⚠️ Webhook #${webhook.id} → ${receiver.url}`, text: expect.stringContaining('1 given up') }));
    expect(sections.at(-1)!.text).toContain(`webhook redeliver ${webhook.id}`);
    expect(await service.redeliver(webhook.id, admin, at(2_000))).toBe(1);
    await dead.deliverDue(at(2_000));
    expect((await service.get(webhook.id, admin)).deliveries).toMatchObject({ failed: 0, sent: 1 });
  });

  it('GIVEN bad input or a viewer THEN nothing is created and the sentence says why', async () => {
    const { service } = setup();
    await expect(service.add({ url: 'ftp://x', events: ['run.*'] }, admin, T0)).rejects.toThrow(/url must be an http/);
    await expect(service.add({ url: receiver.url, events: ['run.exploded'] }, admin, T0)).rejects.toThrow(/events\.0 is not an event type/);
    const viewer = testActor('Vi', { platform: 'slack' });
    await expect(service.add({ url: receiver.url, events: ['*'] }, viewer, T0)).rejects.toThrow(/Managing outbound webhooks needs the admin role/);
    expect(await service.list(admin)).toEqual([]);
  });
});
