/**
 * Quorum gates on both databases: votes are rows, each counted once; any rejection decides at
 * once; group slots are filled by distinct people; self-approval is checked per vote; a quorum
 * nobody can meet is refused when the run starts; and the races the issue names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateCard } from '../../../src/cards';
import type { Actor } from '../../../src/domain/actor';
import { createRun } from '../../../src/runner/run-operations';
import type { RunService } from '../../../src/runner/run-service';
import type { ServiceContext } from '../../../src/runner/service-context';
import type { Template } from '../../../src/schema/template';
import { listGateVotes } from '../../../src/store/gate-votes.store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { openGateAt, serviceAt } from '../escalation/escalation-fixtures';
import { GATE_CONFIG, PEOPLE, gateContext, reviewTemplate } from './gate-fixtures';

const T0 = new Date('2026-03-02T10:00:00Z');
const two = reviewTemplate('two-approvals', { required_approvals: 2 });
const legalAndEng = reviewTemplate('legal-and-eng', { approval_groups: { legal: 1, eng: 1 } });
const tooMany = reviewTemplate('too-many', { required_approvals: 3, approvers: ['discord:user:300000000000000001', 'slack:user:UREVIEW01'] });
const unknownGroup = reviewTemplate('unknown-group', { approval_groups: { finance: 1 } });

describe.each(testDatabases())('quorum gates on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let ctx: ServiceContext;
  let service: RunService;

  beforeAll(async () => {
    database = await open();
    ctx = gateContext(database, [two, legalAndEng, tooMany, unknownGroup]);
    service = serviceAt(ctx);
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database?.close());

  const approve = (gateId: string, actor: Actor, extra: { conditions?: string[] } = {}) => service.decideGate({ gateId, decision: 'approve', actor, via: 'button', ...extra }, T0);
  const audit = (gateId: string) =>
    database.db.selectFrom('audit_log').select(['action', 'actor_name']).where('gate_id', '=', gateId).where('action', 'like', 'gate.%').where('action', '!=', 'gate.opened').orderBy('id').execute();
  const open2 = (template: Template = two) => openGateAt(ctx, template, T0);

  it('GIVEN a 2-approval gate THEN the first approval is a recorded vote, the card shows "1 of 2: approved by ana", the second decides', async () => {
    const gate = await open2();
    const first = await approve(gate.id, PEOPLE.ana);
    expect(first.outcome).toBe('voted');
    expect(first.gate.status).toBe('pending');
    const card = buildGateCard(first.gate, { now: T0 });
    expect(card.fields?.find((f) => f.label === 'Approvals')?.value).toBe('1 of 2: approved by ana');

    expect((await approve(gate.id, PEOPLE.ana)).outcome).toBe('already-voted');
    const second = await approve(gate.id, PEOPLE.cy);
    expect(second.outcome).toBe('decided');
    expect(second.gate).toMatchObject({ status: 'approved', decidedBy: { name: 'cy', platform: 'slack' } });
    expect(buildGateCard(second.gate, { now: T0 }).fields?.find((f) => f.label === 'Approvals')?.value).toBe('2 of 2: approved by ana, cy');
    expect(await audit(gate.id)).toEqual([
      { action: 'gate.voted', actor_name: 'ana' },
      { action: 'gate.approved', actor_name: 'cy' },
    ]);
    expect((await listGateVotes(database.db, gate.id)).map((v) => [v.actor.name, v.vote])).toEqual([['ana', 'approve'], ['cy', 'approve']]);
  });

  it('GIVEN one approval on a 2-approval gate THEN a rejection decides at once', async () => {
    const gate = await open2();
    await approve(gate.id, PEOPLE.ana);
    const rejected = await service.decideGate({ gateId: gate.id, decision: 'reject', reason: 'the indemnity clause is missing', actor: PEOPLE.bo, via: 'button' }, T0);
    expect(rejected.outcome).toBe('decided');
    expect(rejected.gate.status).toBe('rejected');
    expect((await audit(gate.id)).map((a) => a.action)).toEqual(['gate.voted', 'gate.rejected']);
  });

  it('GIVEN two approvals at once on a 2-approval gate THEN both are counted once: one vote, one decision', async () => {
    const gate = await open2();
    const results = await Promise.all([approve(gate.id, PEOPLE.ana), approve(gate.id, PEOPLE.bo)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['decided', 'voted']);
    expect((await listGateVotes(database.db, gate.id)).length).toBe(2);
    expect((await audit(gate.id)).map((a) => a.action)).toEqual(['gate.voted', 'gate.approved']);
    const row = await database.db.selectFrom('gates').select('status').where('id', '=', gate.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('approved');
  });

  it('GIVEN a rejection racing the last approval THEN there is one outcome, and the audit shows exactly it', async () => {
    for (let round = 0; round < 4; round++) {
      const gate = await open2();
      await approve(gate.id, PEOPLE.ana);
      const [approval, rejection] = await Promise.all([
        approve(gate.id, PEOPLE.bo),
        service.decideGate({ gateId: gate.id, decision: 'reject', reason: 'not yet', actor: PEOPLE.cy, via: 'button' }, T0),
      ]);
      const winners = [approval, rejection].filter((r) => r.outcome === 'decided');
      expect(winners).toHaveLength(1);
      const loser = [approval, rejection].find((r) => r.outcome !== 'decided')!;
      expect(loser.outcome).toBe('already-decided');
      const status = winners[0] === approval ? 'approved' : 'rejected';
      expect(loser.gate.status).toBe(status);
      const decisions = (await audit(gate.id)).filter((a) => a.action !== 'gate.voted');
      expect(decisions).toEqual([{ action: `gate.${status}`, actor_name: status === 'approved' ? 'bo' : 'cy' }]);
    }
  });

  it('GIVEN one from legal and one from eng THEN a second engineer does not count, the lawyer decides, and the card names the groups', async () => {
    const gate = await open2(legalAndEng);
    const eng = await approve(gate.id, PEOPLE.eli);
    expect(eng.outcome).toBe('voted');
    expect(buildGateCard(eng.gate, { now: T0 }).fields?.find((f) => f.label === 'Approvals')?.value).toBe('1 of 2: approved by eli (eng); needs 1 more from legal');
    await expect(approve(gate.id, PEOPLE.eve)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('still needs approvals from 1 from legal') });
    await expect(approve(gate.id, PEOPLE.ana)).rejects.toMatchObject({ code: 'forbidden' });
    const legal = await approve(gate.id, PEOPLE.lea);
    expect(legal.outcome).toBe('decided');
    expect((await listGateVotes(database.db, gate.id)).map((v) => v.actor.name)).toEqual(['eli', 'lea']);
  });

  it('GIVEN forbid_self_approval THEN the person who started the run cannot cast a vote, the others can', async () => {
    const strict: ServiceContext = { ...ctx, config: { ...GATE_CONFIG, permissions: { ...GATE_CONFIG.permissions, forbid_self_approval: true } } };
    const strictService = serviceAt(strict);
    const run = await createRun(strict, { templateId: two.id, params: {}, simulate: false, actor: PEOPLE.ana, origin: { platform: 'discord', channelId: '100000000000000009' } }, T0);
    const gateId = run.pendingGates[0]!.id;
    await expect(strictService.decideGate({ gateId, decision: 'approve', actor: PEOPLE.ana }, T0)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await strictService.decideGate({ gateId, decision: 'approve', actor: PEOPLE.bo }, T0)).outcome).toBe('voted');
    expect(await listGateVotes(database.db, gateId)).toHaveLength(1);
  });

  it('GIVEN a quorum larger than the people who may approve, or an unknown group THEN the run is refused with the path and a sentence', async () => {
    const start = (template: Template) => createRun(ctx, { templateId: template.id, params: {}, simulate: false, actor: PEOPLE.ana, origin: { platform: 'console', channelId: 'console' } }, T0);
    await expect(start(tooMany)).rejects.toMatchObject({
      code: 'invalid_template',
      message: expect.stringContaining('$.blocks[0].review.required_approvals: needs 3 distinct approvers but only 2 may approve this gate'),
    });
    await expect(start(unknownGroup)).rejects.toMatchObject({ message: expect.stringContaining('"finance" is neither a group nor a role') });
  });
});
