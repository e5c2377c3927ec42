import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runFactory } from '../../../src/cli/factory';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { startApi, type ApiHarness } from '../api/api-harness';

const count = async (database: TestDatabaseHandle) => Number((await database.db.selectFrom('webhook_subscriptions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe.each(testDatabases())('webhook subscriptions through REST and the CLI on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let api: ApiHarness;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database, { startRunner: false });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await api?.stop();
    await database?.close();
  });
  afterEach(() => resetDatabase(database));

  it('GIVEN an admin token THEN create shows the secret once, list and get never do, delete removes it; all audited', async () => {
    const admin = await api.token('ops', 'admin');
    const created = await api.call('POST', '/v1/webhooks', { token: admin, body: { url: 'https://hooks.example/factory', events: ['run.*', 'gate.pending'], description: 'CI' } });
    expect(created.status).toBe(201);
    const { webhook, secret } = created.json as { webhook: { id: string }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const listed = await api.call('GET', '/v1/webhooks', { token: admin });
    expect(listed.json).toMatchObject({ items: [{ id: webhook.id, url: 'https://hooks.example/factory', events: ['run.*', 'gate.pending'], deliveries: { sent: 0, failed: 0 } }] });
    expect(JSON.stringify(listed.json)).not.toContain(secret);
    const one = await api.call('GET', `/v1/webhooks/${webhook.id}`, { token: admin });
    expect(one.json).toMatchObject({ id: webhook.id, recent: [] });
    expect(JSON.stringify(one.json)).not.toContain(secret);
    expect((await api.call('GET', '/v1/events/types', { token: admin })).json.items).toContain('gate.decided');
    expect((await api.call('DELETE', `/v1/webhooks/${webhook.id}`, { token: admin })).json).toEqual({ removed: true });
    expect((await api.call('GET', `/v1/webhooks/${webhook.id}`, { token: admin })).status).toBe(404);
    const audit = await database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'webhook').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook.created', 'webhook.removed']);
  });

  it('GIVEN bad input, a missing scope or a role that may not manage webhooks THEN a problem and no row', async () => {
    const admin = await api.token('ops2', 'admin');
    const reader = await api.call('POST', '/v1/webhooks', { token: await api.token('reader', 'admin', ['runs:read']), body: { url: 'https://x.example', events: ['*'] } });
    expect(reader.status).toBe(403);
    const operator = await api.call('POST', '/v1/webhooks', { token: await api.token('op', 'operator'), body: { url: 'https://x.example', events: ['*'] } });
    expect(operator.status).toBe(403);
    expect(operator.json.detail).toContain('Managing outbound webhooks needs the admin role');
    const badEvent = await api.call('POST', '/v1/webhooks', { token: admin, body: { url: 'https://x.example', events: ['run.exploded'] } });
    expect(badEvent.status).toBe(422);
    expect(badEvent.json).toMatchObject({ errors: [{ in: 'body', path: 'events.0' }] });
    const unknownField = await api.call('POST', '/v1/webhooks', { token: admin, body: { url: 'https://x.example', events: ['*'], retries: 3 } });
    expect(unknownField.status).toBe(422);
    const badUrl = await api.call('POST', '/v1/webhooks', { token: admin, body: { url: 'file:///etc/passwd', events: ['*'] } });
    expect(badUrl.status).toBe(422);
    expect(await count(database)).toBe(0);
  });

  it('GIVEN the CLI THEN webhook add prints the secret once, list shows it without, remove and unknown ids behave', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTty: false, cwd: process.cwd(), openDatabase: async () => ({ ...database, close: async () => undefined }) };
    expect(await runFactory(['webhook', 'add', 'https://hooks.example/ci', '--events', 'run.completed,run.failed'], io)).toBe(0);
    const secret = out.join('\n').match(/whsec_[A-Za-z0-9+/=]+/)![0];
    out.length = 0;
    expect(await runFactory(['webhook', 'list'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/#\d+ {2}https:\/\/hooks\.example\/ci {2}\[run\.completed, run\.failed\] {2}sent 0, pending 0/);
    expect(out.join('\n')).not.toContain(secret);
    const id = out.join('\n').match(/#(\d+)/)![1]!;
    expect(await runFactory(['webhook', 'add', 'https://hooks.example/ci'], io)).toBe(2);
    expect(await runFactory(['webhook', 'remove', '9999'], io)).toBe(1);
    expect(err.join('\n')).toContain('There is no webhook #9999');
    expect(await runFactory(['webhook', 'remove', id], io)).toBe(0);
    expect(await count(database)).toBe(1);
    out.length = 0;
    await runFactory(['webhook', 'list'], io);
    expect(out.join('\n')).toContain('No webhooks yet');
  });
});
