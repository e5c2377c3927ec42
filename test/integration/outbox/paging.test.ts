import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAGER_NOT_CONFIGURED } from '../../../src/outbox';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { T0, at } from '../../support/store-fixtures';
import { FakeChatAdapter } from './fake-chat-adapter';
import { deliveries, deliveryWith, queue, rowOf, testCard } from './outbox-fixtures';
import { startPagerServer, type PagerServer } from './pager-server';

const pageCard = testCard('Gate 9 is 2h past its SLA', {
  kind: 'reminder',
  summary: 'clone-factory run 42: gap-analyzer review waits for Ana',
  url: 'https://factory.example/runs/42/gates/9',
  fields: [{ label: 'Owner', value: 'Ana' }],
});
const pagerTarget = { type: 'pager', dedupKey: 'gate:9', severity: 'critical' } as const;

describe.each(testDatabases())('outbox pages to PagerDuty on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let pager: PagerServer;
  beforeAll(async () => {
    database = await open();
    pager = await startPagerServer();
  });
  afterAll(async () => {
    await pager.close();
    await database.close();
  });
  beforeEach(async () => {
    await resetDatabase(database);
    pager.received.length = 0;
    pager.answers.length = 0;
  });

  it('GIVEN a page row THEN the pager receives one Events API v2 trigger built from the card', async () => {
    const { delivery, metrics } = deliveryWith(database, [], { pager: { url: pager.url, routingKey: 'R0UTINGKEY' } });
    const id = await queue(database.db, { kind: 'page', subject: 'gate:9', target: pagerTarget, card: pageCard });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(pager.received).toHaveLength(1);
    expect(pager.received[0]).toMatchObject({ method: 'POST', path: '/v2/enqueue', headers: { 'content-type': 'application/json' } });
    expect(pager.received[0]?.body).toEqual({
      routing_key: 'R0UTINGKEY',
      event_action: 'trigger',
      dedup_key: 'gate:9',
      payload: {
        summary: 'Gate 9 is 2h past its SLA: clone-factory run 42: gap-analyzer review waits for Ana',
        source: 'process-factory',
        severity: 'critical',
        timestamp: T0.toISOString(),
        group: 'gate:9',
        custom_details: { subject: 'gate:9', Owner: 'Ana' },
      },
      links: [{ href: 'https://factory.example/runs/42/gates/9', text: 'Gate 9 is 2h past its SLA' }],
    });
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'sent' });
    expect(await deliveries(metrics, 'sent', 'pager')).toBe(1);
  });

  it('GIVEN the pager answers 500 once THEN the page is retried after the backoff and sent', async () => {
    pager.answers.push({ status: 500, body: 'internal error' });
    const { delivery } = deliveryWith(database, [], { pager: { url: pager.url, routingKey: 'R0UTINGKEY' } });
    const id = await queue(database.db, { kind: 'page', subject: 'gate:9', target: pagerTarget, card: pageCard });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'pending', nextAttemptAt: at(5_000), lastError: `the pager at ${pager.url} answered 500: internal error` });
    expect(await delivery.deliverDue(at(5_000))).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(pager.received).toHaveLength(2);
  });

  it('GIVEN the pager rejects the event (400) THEN the page is given up, not retried', async () => {
    pager.answers.push({ status: 400, body: '{"status":"invalid event","errors":["routing_key is invalid"]}' });
    const { delivery } = deliveryWith(database, [], { pager: { url: pager.url, routingKey: 'WRONG' } });
    const id = await queue(database.db, { kind: 'page', subject: 'gate:9', target: pagerTarget, card: pageCard });
    await delivery.deliverDue(T0);
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('answered 400: {"status":"invalid event"') });
    await delivery.deliverDue(at(3_600_000));
    expect(pager.received).toHaveLength(1);
  });

  it('GIVEN no pager is configured THEN the page is dead with a sentence naming the settings', async () => {
    const { delivery } = deliveryWith(database, []);
    const id = await queue(database.db, { kind: 'page', subject: 'gate:9', target: pagerTarget, card: pageCard });
    expect(await delivery.deliverDue(T0)).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect(await rowOf(database.db, id)).toMatchObject({ status: 'dead', lastError: PAGER_NOT_CONFIGURED });
    expect(PAGER_NOT_CONFIGURED).toBe('paging is not configured: set PAGER_EVENTS_URL and PAGER_ROUTING_KEY');
  });

  it('GIVEN the pager is unreachable THEN the page is retried, and the chat messages of the same gate still go out', async () => {
    const discord = new FakeChatAdapter('discord');
    const closed = await startPagerServer();
    await closed.close();
    const { delivery } = deliveryWith(database, [discord], { pager: { url: closed.url, routingKey: 'R0UTINGKEY' } });
    const page = await queue(database.db, { kind: 'page', subject: 'gate:9', target: pagerTarget, card: pageCard });
    await queue(database.db, { kind: 'post', subject: 'gate:9', platform: 'discord', target: { type: 'channel', channelId: 'D-1' }, card: pageCard });

    expect(await delivery.deliverDue(T0)).toEqual({ sent: 1, failed: 1, deferred: 0 });
    expect(await rowOf(database.db, page)).toMatchObject({ status: 'pending', lastError: expect.stringContaining(`the pager at ${closed.url} could not be reached`) });
    expect(discord.posts).toHaveLength(1);
  });
});
