import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { eventually } from '../../support/factory-harness';
import { rowCounts, useApiPerTest, type ApiHarness } from './api-harness';

describe.each(testDatabases())('REST gates on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let api: ApiHarness;
  let admin: string;
  const suite = useApiPerTest(open);
  beforeEach(async () => {
    ({ database, api } = suite);
    admin = await api.token('lead', 'admin');
  });

  /** Starts a demo run as `token` and waits for its draft gate. */
  async function pendingGate(token = admin): Promise<{ runId: string; gateId: string }> {
    const runId = (await api.call('POST', '/v1/runs', { token, body: { template: 'demo' } })).json.id as string;
    const gateId = await eventually(async () => {
      const res = await api.call('GET', `/v1/gates?run=${runId}`, { token: admin });
      return (res.json.items as Array<{ id: string }>)[0]?.id;
    }, 'the draft gate');
    return { runId, gateId };
  }

  it('GIVEN a pending gate THEN list, get, claim and approve it with notes and conditions; the run completes; a second approval is a 409', async () => {
    const reviewer = await api.token('reviewer bot', 'reviewer');
    const { runId, gateId } = await pendingGate();
    const listed = await api.call('GET', '/v1/gates?assignee=me', { token: reviewer });
    expect((listed.json.items as Array<{ id: string }>).map((g) => g.id)).toEqual([gateId]);
    const one = await api.call('GET', `/v1/gates/${gateId}`, { token: reviewer });
    expect(one.json).toMatchObject({ id: gateId, run_id: runId, block_id: 'draft', status: 'pending', next_blocks: [{ id: 'publish' }] });
    const claimed = await api.call('POST', `/v1/gates/${gateId}/claim`, { token: reviewer });
    expect(claimed.json).toMatchObject({ claimed_by: { name: 'reviewer bot' } });
    const approved = await api.call('POST', `/v1/gates/${gateId}/approve`, { token: reviewer, body: { notes: 'looks right', conditions: ['ship after 5pm'] } });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: 'approved', decided_by: { name: 'reviewer bot', platform: 'api' }, decided_via: 'api' });
    expect(approved.json).toMatchObject({ reason: 'looks right', conditions: ['ship after 5pm'] });
    await eventually(async () => (await api.call('GET', `/v1/runs/${runId}`, { token: admin })).json.status === 'completed', 'the run to complete');
    const again = await api.call('POST', `/v1/gates/${gateId}/approve`, { token: admin, body: {} });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'gate_already_decided' });
    expect(again.json.detail).toContain('reviewer bot');
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_name', 'platform']).where('gate_id', '=', gateId).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'gate.opened', actor_name: 'Process Factory', platform: 'system' },
      { action: 'gate.claimed', actor_name: 'reviewer bot', platform: 'api' },
      { action: 'gate.approved', actor_name: 'reviewer bot', platform: 'api' },
    ]);
  });

  it('GIVEN a reject with requested changes THEN the block goes back for rework with them', async () => {
    const { runId, gateId } = await pendingGate();
    const rejected = await api.call('POST', `/v1/gates/${gateId}/reject`, { token: admin, body: { reason: 'too long', requested_changes: ['cut to 3 lines'] } });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ status: 'rejected', reason: 'too long\nRequested changes:\n- cut to 3 lines' });
    const next = await eventually(async () => {
      const items = (await api.call('GET', `/v1/gates?run=${runId}`, { token: admin })).json.items as Array<{ id: string; reworks: number }>;
      return items.find((g) => g.id !== gateId);
    }, 'the rework gate');
    expect(next.reworks).toBe(1);
  });

  it('GIVEN an agent token THEN it may reject its own run but not approve it; the refusal is audited and nothing else changes', async () => {
    const agent = await api.token('agent', 'agent', ['runs:read', 'runs:write', 'gates:decide'], true);
    const { gateId } = await pendingGate(agent);
    const before = await rowCounts(database);
    const refused = await api.call('POST', `/v1/gates/${gateId}/approve`, { token: agent, body: { notes: 'lgtm' } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'forbidden' });
    expect(refused.json.detail).toContain('may not approve its own work');
    const after = await rowCounts(database);
    expect(after).toEqual({ ...before, audit_log: before.audit_log + 1 });
    const row = await database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'gate.approval_refused', actor_type: 'agent', platform: 'api', gate_id: gateId });
    expect(row.metadata).toMatchObject({ rule: 'agent-self-approval', reason: 'started-run' });
    const gate = (await api.call('GET', `/v1/gates/${gateId}`, { token: agent })).json;
    expect(gate.status).toBe('pending');
    // Rejecting (asking for rework) stays allowed.
    expect((await api.call('POST', `/v1/gates/${gateId}/reject`, { token: agent, body: { reason: 'my draft needs another pass' } })).status).toBe(200);
    // A person's run: the agent may approve it.
    const other = await pendingGate(admin);
    expect((await api.call('POST', `/v1/gates/${other.gateId}/approve`, { token: agent, body: {} })).json).toMatchObject({ status: 'approved' });
  });

  it('GIVEN reassign and escalate THEN the gate goes to the named person, audited as the token; bad people are 422 with the field', async () => {
    const { gateId } = await pendingGate();
    const reassigned = await api.call('POST', `/v1/gates/${gateId}/reassign`, { token: admin, body: { assignee: 'slack:user:U0ANA', reason: 'Ana knows this' } });
    expect(reassigned.status).toBe(200);
    expect(reassigned.json).toMatchObject({ id: gateId, assignee: { id: 'U0ANA' } });
    const escalated = await api.call('POST', `/v1/gates/${gateId}/escalate`, { token: admin, body: { reason: 'launch is tomorrow' } });
    expect(escalated.status).toBe(200);
    const actions = await database.db.selectFrom('audit_log').select(['action', 'platform']).where('gate_id', '=', gateId).where('platform', '=', 'api').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining([expect.stringMatching(/reassign/), 'gate.escalated']));
    const before = await rowCounts(database);
    const bad = await api.call('POST', `/v1/gates/${gateId}/reassign`, { token: admin, body: { assignee: 'someone' } });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ errors: [{ path: 'assignee' }] });
    expect((await api.call('POST', `/v1/gates/${gateId}/escalate`, { token: admin, body: {} })).json).toMatchObject({ status: 422, errors: [{ path: 'reason' }] });
    expect(await rowCounts(database)).toEqual(before);
  });

  it('GIVEN bad gate input THEN problems, nothing decided', async () => {
    const viewer = await api.token('viewer', 'viewer');
    const noScope = await api.token('reader', 'admin', ['runs:read']);
    const { gateId } = await pendingGate();
    const before = await rowCounts(database);
    const cases: Array<[string, string, unknown, string | undefined, number, Record<string, unknown>]> = [
      ['POST', `/v1/gates/${gateId}/approve`, { notes: 5 }, admin, 422, { errors: [{ path: 'notes' }] }],
      ['POST', `/v1/gates/${gateId}/approve`, { note: 'typo' }, admin, 422, { errors: [{ path: '' }] }],
      ['POST', `/v1/gates/${gateId}/approve`, { conditions: 'one' }, admin, 422, { errors: [{ path: 'conditions' }] }],
      ['POST', `/v1/gates/${gateId}/reject`, {}, admin, 422, { errors: [{ path: 'reason' }] }],
      ['POST', `/v1/gates/${gateId}/reject`, { reason: '   ' }, admin, 422, { errors: [{ path: 'reason' }] }],
      ['POST', `/v1/gates/${gateId}/reject`, { reason: 'x', requested_changes: [1] }, admin, 422, { errors: [{ path: 'requested_changes.0', pointer: '/requested_changes/0' }] }],
      ['POST', `/v1/gates/${gateId}/claim`, { who: 'me' }, admin, 422, { code: 'invalid_request' }],
      ['POST', '/v1/gates/999/approve', {}, admin, 404, { code: 'unknown_gate' }],
      ['GET', '/v1/gates/xyz', undefined, admin, 400, { errors: [{ in: 'path' }] }],
      ['GET', '/v1/gates?assignee=you', undefined, admin, 400, { errors: [{ path: 'assignee' }] }],
      ['POST', `/v1/gates/${gateId}/approve`, {}, viewer, 403, { code: 'forbidden' }],
      ['POST', `/v1/gates/${gateId}/approve`, {}, noScope, 403, { code: 'missing_scope' }],
      ['POST', `/v1/gates/${gateId}/approve`, {}, 'pf_bad', 401, { code: 'unauthorized' }],
      ['POST', `/v1/gates/${gateId}/approve`, { notes: 'n'.repeat(70_000) }, admin, 413, { code: 'body_too_large' }],
    ];
    for (const [method, path, body, token, status, shape] of cases) {
      const res = await api.call(method, path, { token, body });
      expect({ path, body: JSON.stringify(body)?.slice(0, 60), status: res.status }).toEqual({ path, body: JSON.stringify(body)?.slice(0, 60), status });
      expect(res.json).toMatchObject({ status, ...shape });
    }
    expect(await rowCounts(database)).toEqual(before);
    expect((await api.call('GET', `/v1/gates/${gateId}`, { token: admin })).json.status).toBe('pending');
  });
});
