import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticateBearer, revokeApiTokenAudited } from '../../../src/api/auth';
import { runFactory } from '../../../src/cli/factory';
import { listApiTokens } from '../../../src/store/api-tokens.store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor } from '../../support/factory-harness';
import { resetDatabase } from '../../support/reset-database';
import { rowCounts, startApi, type ApiHarness } from './api-harness';

describe.each(testDatabases())('API tokens and the /v1 skeleton on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let api: ApiHarness;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());
  beforeEach(async () => {
    await api?.stop();
    await resetDatabase(database);
    api = await startApi(database, { startRunner: false });
  });
  afterAll(() => api?.stop());

  it('GIVEN a new token THEN only its hash is stored, and it authenticates as a principal with its role and scopes', async () => {
    const secret = await api.token('ci', 'operator', ['runs:read', 'runs:write']);
    expect(secret).toMatch(/^pf_[A-Za-z0-9_-]{43}$/);
    const rows = await database.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret);
    const principal = await authenticateBearer(database.db, `Bearer ${secret}`, new Date());
    expect(principal).toMatchObject({ name: 'ci', role: 'operator', scopes: ['runs:read', 'runs:write'], actor: { type: 'human', platform: 'api', id: `token:${rows[0]!.id}`, credentialRoles: ['operator'] } });
    expect(await authenticateBearer(database.db, `Bearer ${secret}x`, new Date())).toBeNull();
    expect(await authenticateBearer(database.db, secret, new Date())).toBeNull();
    expect(await authenticateBearer(database.db, undefined, new Date())).toBeNull();
  });

  it('GIVEN missing, malformed, unknown and revoked tokens THEN 401 problems, and nothing changes', async () => {
    const secret = await api.token('ci', 'viewer', ['runs:read']);
    await revokeApiTokenAudited(database, 'ci', consoleActor, new Date());
    const before = await rowCounts(database);
    for (const token of [undefined, 'nope', 'pf_unknown', secret]) {
      const res = await api.call('GET', '/v1/templates', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(res.json).toMatchObject({ type: 'urn:process-factory:problem:unauthorized', status: 401, code: 'unauthorized' });
    }
    expect(await rowCounts(database)).toEqual(before);
  });

  it('GIVEN a token without the scope THEN 403 naming the scope', async () => {
    const secret = await api.token('audit-only', 'viewer', ['audit:read']);
    const res = await api.call('GET', '/v1/templates', { token: secret });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: 'missing_scope', required_scope: 'runs:read' });
    expect(res.json.detail).toContain('runs:read');
  });

  it('GIVEN a valid token THEN templates are listed; unknown paths and query fields are problems', async () => {
    const secret = await api.token('reader', 'viewer', ['runs:read']);
    const ok = await api.call('GET', '/v1/templates', { token: secret });
    expect(ok.status).toBe(200);
    expect((ok.json.items as Array<{ id: string }>).map((t) => t.id)).toContain('demo');
    const unknownField = await api.call('GET', '/v1/templates?colour=red', { token: secret });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json).toMatchObject({ code: 'invalid_request', errors: [{ in: 'query' }] });
    const missing = await api.call('GET', '/v1/nothing-here', { token: secret });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('GIVEN more requests than the per-token limit THEN 429 with Retry-After', async () => {
    await api.stop();
    let t = Date.parse('2026-01-01T00:00:00Z');
    api = await startApi(database, { startRunner: false, perMinute: 3, now: () => new Date(t) });
    const secret = await api.token('busy', 'viewer', ['runs:read']);
    for (let i = 0; i < 3; i++) expect((await api.call('GET', '/v1/templates', { token: secret })).status).toBe(200);
    const limited = await api.call('GET', '/v1/templates', { token: secret });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(limited.json).toMatchObject({ code: 'rate_limited', retry_after_seconds: 20 });
    t += 20_000;
    expect((await api.call('GET', '/v1/templates', { token: secret })).status).toBe(200);
  });

  it('GIVEN the CLI THEN token create shows the secret once, list never shows it, revoke stops it; all audited', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTty: false, cwd: process.cwd(), openDatabase: async () => ({ ...database, close: async () => undefined }) };
    expect(await runFactory(['token', 'create', 'deploy', 'bot', '--role', 'agent', '--scopes', 'runs:read,gates:decide', '--agent'], io)).toBe(0);
    const secret = out.join('\n').match(/pf_[A-Za-z0-9_-]+/)![0];
    expect(await authenticateBearer(database.db, `Bearer ${secret}`, new Date())).toMatchObject({ name: 'deploy bot', role: 'agent', actor: { type: 'agent' } });
    out.length = 0;
    expect(await runFactory(['token', 'list'], io)).toBe(0);
    expect(out.join('\n')).toContain('deploy bot  agent (agent)  [runs:read, gates:decide]');
    expect(out.join('\n')).not.toContain(secret);
    expect(await runFactory(['token', 'create', 'deploy', 'bot', '--role', 'agent', '--scopes', 'runs:read'], io)).toBe(1);
    expect(err.join('\n')).toContain('already named "deploy bot"');
    expect(await runFactory(['token', 'create', 'x', '--role', 'wizard', '--scopes', 'runs:read'], io)).toBe(2);
    expect(await runFactory(['token', 'revoke', 'deploy bot'], io)).toBe(0);
    expect(await authenticateBearer(database.db, `Bearer ${secret}`, new Date())).toBeNull();
    expect(await listApiTokens(database.db)).toEqual([]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'entity_type']).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'token.created', entity_type: 'token' },
      { action: 'token.revoked', entity_type: 'token' },
    ]);
  });
});
