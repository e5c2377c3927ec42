import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { eventually } from '../../support/factory-harness';
import { rowCounts, useApiPerTest, type ApiHarness } from './api-harness';

describe.each(testDatabases())('REST stats, blockers, audit and templates on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let api: ApiHarness;
  let admin: string;
  let runId: string;
  let gateId: string;
  const suite = useApiPerTest(open);
  beforeEach(async () => {
    ({ database, api } = suite);
    admin = await api.token('lead', 'admin');
    runId = (await api.call('POST', '/v1/runs', { token: admin, body: { template: 'demo' } })).json.id as string;
    gateId = await eventually(async () => ((await api.call('GET', `/v1/gates?run=${runId}`, { token: admin })).json.items as Array<{ id: string }>)[0]?.id, 'the gate');
  });

  it('GIVEN one pending gate THEN stats count it, blockers list it, and priority filters the gate list', async () => {
    const stats = await api.call('GET', '/v1/tasks/stats', { token: admin });
    expect(stats.json).toMatchObject({ pending: 1, claimed: 0, sla_breaches: 0, by_priority: { critical: 0, high: 0, medium: 1, low: 0 } });
    expect(stats.json.avg_wait_minutes).toBeGreaterThanOrEqual(0);
    const blockers = await api.call('GET', '/v1/blockers', { token: admin });
    expect(blockers.json.items).toMatchObject([{ kind: 'gate', run_id: runId, gate_id: gateId, block_id: 'draft' }]);
    expect(((await api.call('GET', '/v1/gates?priority=critical', { token: admin })).json.items as unknown[]).length).toBe(0);
    expect(((await api.call('GET', '/v1/gates?priority=medium', { token: admin })).json.items as unknown[]).length).toBe(1);
  });

  it('GIVEN decisions THEN the audit log filters by entity, run, actor and since, and pages with a cursor', async () => {
    await api.call('POST', `/v1/gates/${gateId}/approve`, { token: admin, body: {} });
    const tokenId = (await database.db.selectFrom('api_tokens').select('id').executeTakeFirstOrThrow()).id;
    const byGate = await api.call('GET', `/v1/audit?entity_type=gate&entity_id=${gateId}`, { token: admin });
    expect((byGate.json.items as Array<{ action: string }>).map((e) => e.action)).toEqual(['gate.approved', 'gate.opened']);
    expect(byGate.json.items).toMatchObject([{ actor: { type: 'human', id: `token:${tokenId}`, name: 'lead', platform: 'api' }, entity: { type: 'gate', id: gateId }, run: { id: runId }, changes: { from: 'pending', to: 'approved' } }, {}]);
    const byActor = await api.call('GET', `/v1/audit?actor=token:${tokenId}`, { token: admin });
    expect((byActor.json.items as Array<{ action: string }>).map((e) => e.action)).toEqual(['gate.approved', 'run.created']);
    const page1 = await api.call('GET', `/v1/audit?run=${runId}&limit=2`, { token: admin });
    const page2 = await api.call('GET', `/v1/audit?run=${runId}&limit=2&cursor=${page1.json.next_cursor}`, { token: admin });
    const ids = [...(page1.json.items as Array<{ id: string }>), ...(page2.json.items as Array<{ id: string }>)].map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    const future = await api.call('GET', `/v1/audit?since=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`, { token: admin });
    expect(future.json.items).toEqual([]);
  });

  it('GIVEN templates THEN they are listed with params and whether a webhook may start them', async () => {
    const res = await api.call('GET', '/v1/templates', { token: admin });
    expect((res.json.items as Array<{ id: string }>).find((t) => t.id === 'demo')).toMatchObject({ params: [{ name: 'topic', type: 'string', required: false }], webhook_trigger: false });
  });

  it('GIVEN bad read input THEN problems, nothing written', async () => {
    const noAudit = await api.token('runs only', 'admin', ['runs:read']);
    const noRuns = await api.token('audit only', 'admin', ['audit:read']);
    const before = await rowCounts(database);
    const cases: Array<[string, string | undefined, number, Record<string, unknown>]> = [
      ['/v1/audit?since=yesterday', admin, 400, { errors: [{ in: 'query', path: 'since' }] }],
      ['/v1/audit?entity_type=planet', admin, 400, { errors: [{ path: 'entity_type' }] }],
      ['/v1/audit?cursor=-1', admin, 400, { errors: [{ path: 'cursor' }] }],
      ['/v1/audit?limit=1000', admin, 400, { errors: [{ path: 'limit' }] }],
      ['/v1/audit', noAudit, 403, { required_scope: 'audit:read' }],
      ['/v1/tasks/stats', noRuns, 403, { required_scope: 'runs:read' }],
      ['/v1/blockers?x=1', admin, 400, { code: 'invalid_request' }],
      ['/v1/tasks/stats', undefined, 401, { code: 'unauthorized' }],
      ['/v1/blockers', 'Basic abc', 401, { code: 'unauthorized' }],
    ];
    for (const [path, token, status, shape] of cases) {
      const res = await api.call('GET', path, { token });
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(res.json).toMatchObject({ status, ...shape });
    }
    expect(await rowCounts(database)).toEqual(before);
  });
});
