import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { eventually } from '../../support/factory-harness';
import { rowCounts, useApiPerTest, type ApiHarness } from './api-harness';

describe.each(testDatabases())('REST runs on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let api: ApiHarness;
  let operator: string;
  const suite = useApiPerTest(open);
  beforeEach(async () => {
    ({ database, api } = suite);
    operator = await api.token('ci', 'operator', ['runs:read', 'runs:write']);
  });

  it('GIVEN POST /v1/runs THEN a run starts as the token, audited, and GET shows blocks, gates, attempts and artifacts', async () => {
    const created = await api.call('POST', '/v1/runs', { token: operator, body: { template: 'demo', name: 'from CI', params: { topic: 'release notes' } } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/runs/${created.json.id}`);
    expect(created.json).toMatchObject({ template_id: 'demo', name: 'from CI', status: 'running', params: { topic: 'release notes' }, created_by: 'ci' });
    const id = created.json.id as string;
    const detail = await eventually(async () => {
      const res = await api.call('GET', `/v1/runs/${id}`, { token: operator });
      return (res.json.gates as unknown[]).length > 0 ? res : null;
    }, 'the draft gate');
    expect(detail.status).toBe(200);
    expect((detail.json.blocks as Array<{ id: string }>).map((b) => b.id)).toEqual(['brief', 'research', 'outline', 'visuals', 'draft', 'publish']);
    expect(detail.json.gates).toMatchObject([{ block_id: 'draft', status: 'pending', kind: 'approval' }]);
    expect((detail.json.attempts as Array<{ block_id: string }>).some((a) => a.block_id === 'brief')).toBe(true);
    expect((detail.json.artifacts as Array<{ key: string; size_bytes: number }>).length).toBeGreaterThan(0);
    expect(JSON.stringify(detail.json.artifacts)).not.toContain('"content"');
    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'run.created').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ platform: 'api', actor_name: 'ci', actor_type: 'human' });
    expect(audit.actor_id).toMatch(/^token:\d+$/);
  });

  it('GIVEN runs of two statuses THEN the list filters by status and template and pages with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await api.call('POST', '/v1/runs', { token: operator, body: { template: 'demo', name: `r${i}`, simulate: true } })).json.id as string);
    const cancelled = await api.call('POST', `/v1/runs/${ids[0]}/cancel`, { token: operator, body: { reason: 'not needed' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', end_reason: 'not needed' });
    const again = await api.call('POST', `/v1/runs/${ids[0]}/cancel`, { token: operator, body: {} });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'run_not_active' });

    const page1 = await api.call('GET', '/v1/runs?limit=2', { token: operator });
    expect((page1.json.items as Array<{ id: string }>).map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page1.json.next_cursor).toBe(ids[1]);
    const page2 = await api.call('GET', `/v1/runs?limit=2&cursor=${page1.json.next_cursor}`, { token: operator });
    expect((page2.json.items as Array<{ id: string }>).map((r) => r.id)).toEqual([ids[0]]);
    expect(page2.json.next_cursor).toBeNull();
    const onlyCancelled = await api.call('GET', '/v1/runs?status=cancelled', { token: operator });
    expect((onlyCancelled.json.items as Array<{ id: string }>).map((r) => r.id)).toEqual([ids[0]]);
    const otherTemplate = await api.call('GET', '/v1/runs?template=clone-factory', { token: operator });
    expect(otherTemplate.json.items).toEqual([]);
  });

  it('GIVEN bad runs input THEN problems with the field path, and nothing is written', async () => {
    const reader = await api.token('reader', 'viewer', ['runs:read', 'runs:write']);
    const before = await rowCounts(database);
    const cases: Array<[string, string, unknown, number, Record<string, unknown>]> = [
      ['POST', '/v1/runs', { template: 42 }, 422, { errors: [{ in: 'body', path: 'template', pointer: '/template' }] }],
      ['POST', '/v1/runs', { template: 'demo', colour: 'red' }, 422, { code: 'invalid_request' }],
      ['POST', '/v1/runs', { template: 'demo', params: { topic: { nested: true } } }, 422, { errors: [{ path: 'params.topic' }] }],
      ['POST', '/v1/runs', { template: 'demo', params: { nope: 'x' } }, 422, { code: 'invalid_params' }],
      ['POST', '/v1/runs', { template: 'no-such-template' }, 404, { code: 'unknown_template' }],
      ['POST', '/v1/runs/999/cancel', {}, 404, { code: 'unknown_run' }],
      ['POST', '/v1/runs/abc/cancel', {}, 400, { errors: [{ in: 'path', path: 'id' }] }],
      ['GET', '/v1/runs/999', undefined, 404, { code: 'unknown_run' }],
      ['GET', '/v1/runs?status=sleeping', undefined, 400, { errors: [{ in: 'query', path: 'status' }] }],
      ['GET', '/v1/runs?limit=0', undefined, 400, { errors: [{ path: 'limit' }] }],
    ];
    for (const [method, path, body, status, shape] of cases) {
      const res = await api.call(method, path, { token: operator, body });
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json).toMatchObject({ status, ...shape });
      expect(JSON.stringify(res.json)).not.toMatch(/at .*\.ts:\d+/);
    }
    // A viewer's token with runs:write still cannot start a run: the role decides, like in chat.
    const refused = await api.call('POST', '/v1/runs', { token: reader, body: { template: 'demo' } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'forbidden' });
    expect(refused.json.detail).toContain('operator');
    const notJson = await api.call('POST', '/v1/runs', { token: operator, rawBody: 'template=demo', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(notJson.status).toBe(415);
    const broken = await api.call('POST', '/v1/runs', { token: operator, rawBody: '{"template":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.json).toMatchObject({ code: 'invalid_json' });
    const huge = await api.call('POST', '/v1/runs', { token: operator, body: { template: 'demo', name: 'x', params: { topic: 'y'.repeat(200_000) } } });
    expect(huge.status).toBe(413);
    expect(huge.json).toMatchObject({ code: 'body_too_large', max_bytes: 65536 });
    const noScope = await api.call('POST', '/v1/runs', { token: await api.token('ro', 'operator', ['runs:read']), body: { template: 'demo' } });
    expect(noScope.status).toBe(403);
    expect(noScope.json).toMatchObject({ code: 'missing_scope', required_scope: 'runs:write' });
    const after = await rowCounts(database);
    expect({ ...after, api_tokens: before.api_tokens, audit_log: before.audit_log }).toEqual(before);
    // The only rows written are the tokens made above (and their token.created audit rows).
    expect(after.audit_log - before.audit_log).toBe(after.api_tokens - before.api_tokens);
  });
});
