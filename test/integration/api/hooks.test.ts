import { beforeEach, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../../src/executors/webhook-signature';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { rowCounts, startApi, useApiPerTest, type ApiHarness } from './api-harness';

const SECRET = 'hook-secret-for-tests';
const hooked = {
  id: 'release-notes',
  name: 'Release notes',
  params: { version: { type: 'string', required: true }, title: { type: 'string' }, draft: { type: 'boolean', default: false } },
  trigger: { type: 'webhook', map: { title: 'pull_request.title' } },
  blocks: [{ id: 'write', name: 'Write', type: 'build', runtime: 'simulate', human_gate: 'after' }],
} as const;

describe.each(testDatabases())('inbound webhook triggers on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let api: ApiHarness;
  let clock = Date.parse('2026-03-01T10:00:00Z');
  const suite = useApiPerTest(open, (db) => {
    clock = Date.parse('2026-03-01T10:00:00Z');
    return startApi(db, { hookSecret: SECRET, now: () => new Date(clock), startRunner: false, extraTemplates: [hooked as never] });
  });
  beforeEach(async () => {
    ({ database, api } = suite);
  });

  const deliver = (template: string, body: unknown, opts: { key?: string; signedAt?: number; secret?: string } = {}) => {
    const raw = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json', ...signedHeaders(opts.secret ?? SECRET, raw, new Date(opts.signedAt ?? clock)) };
    if (opts.key !== undefined) headers['idempotency-key'] = opts.key;
    return api.call('POST', `/v1/hooks/${template}`, { rawBody: raw, headers });
  };

  it('GIVEN a signed delivery THEN one run starts with params mapped from the body; a retry with its key starts none', async () => {
    const body = { version: '2.1.0', pull_request: { title: 'Faster sweeps' }, unrelated: { big: [1, 2, 3] } };
    const first = await deliver('release-notes', body, { key: 'delivery-1' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ template: 'release-notes', duplicate: false });
    const run = await database.db.selectFrom('runs').selectAll().executeTakeFirstOrThrow();
    expect(run.params).toEqual({ version: '2.1.0', title: 'Faster sweeps', draft: false });
    const retry = await deliver('release-notes', body, { key: 'delivery-1' });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual({ run_id: first.json.run_id, template: 'release-notes', duplicate: true });
    const [a, b] = await Promise.all([deliver('release-notes', body, { key: 'delivery-2' }), deliver('release-notes', body, { key: 'delivery-2' })]);
    expect([a.json.duplicate, b.json.duplicate].sort()).toEqual([false, true]);
    expect(a.json.run_id).toBe(b.json.run_id);
    expect((await rowCounts(database)).runs).toBe(2);
    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'run.created').orderBy('id').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: 'hook:release-notes', platform: 'api' });
    expect(audit.metadata).toMatchObject({ trigger: 'webhook', idempotency_key: 'delivery-1' });
  });

  it('GIVEN bad signatures, stale timestamps, missing keys, bad params or a template without a webhook trigger THEN refused and nothing written', async () => {
    const before = await rowCounts(database);
    const ok = { version: '1.0' };
    const cases: Array<[Promise<{ status: number; json: Record<string, unknown> }>, number, string]> = [
      [deliver('release-notes', ok, { key: 'k1', secret: 'wrong' }), 401, 'bad_signature'],
      [deliver('release-notes', ok, { key: 'k2', signedAt: clock - 301_000 }), 401, 'bad_signature'],
      [deliver('release-notes', ok, { key: 'k3', signedAt: clock + 301_000 }), 401, 'bad_signature'],
      [api.call('POST', '/v1/hooks/release-notes', { body: ok, headers: { 'idempotency-key': 'k4' } }), 401, 'bad_signature'],
      [deliver('release-notes', ok), 400, 'idempotency_key_required'],
      [deliver('release-notes', ok, { key: 'has spaces' }), 400, 'idempotency_key_required'],
      [deliver('release-notes', {}, { key: 'k5' }), 422, 'invalid_params'],
      [deliver('release-notes', { version: { major: 1 } }, { key: 'k6' }), 422, 'invalid_params'],
      [deliver('release-notes', [1, 2], { key: 'k7' }), 422, 'invalid_request'],
      [deliver('demo', ok, { key: 'k8' }), 404, 'no_webhook_trigger'],
      [deliver('nothing', ok, { key: 'k9' }), 404, 'unknown_template'],
      [deliver('Bad_Id', ok, { key: 'k10' }), 400, 'invalid_request'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect({ status: res.status, code: res.json.code }).toEqual({ status, code });
    }
    expect(await rowCounts(database)).toEqual(before);
    // A refused delivery's key is not spent: the same key, signed properly, starts the run.
    expect((await deliver('release-notes', ok, { key: 'k5' })).status).toBe(201);
  });

  it('GIVEN no hook secret configured THEN 503 says which variable to set', async () => {
    await api.stop();
    api = await startApi(database, { startRunner: false, extraTemplates: [hooked as never] });
    const res = await deliver('release-notes', { version: '1' }, { key: 'k' });
    expect(res.status).toBe(503);
    expect(res.json.detail).toContain('FACTORY_HOOK_SECRET');
  });
});
