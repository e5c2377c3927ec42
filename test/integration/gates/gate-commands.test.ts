/**
 * The gate commands through the one dispatch path, on the real run service and store: reassign,
 * escalate, away, priority, bulk approve with its confirmation card, approve with conditions, and
 * a usage sentence (ephemeral) for every bad argument.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index';
import { handleAction, handleModalSubmit, modalForAction } from '../../../commands/actions';
import { runCommandText, type DispatchDeps } from '../../../commands/dispatch';
import type { Reply } from '../../../src/domain/card';
import { buildJob } from '../../../src/runner/build-job';
import { findBlockRun } from '../../../src/store/blocks.store';
import { getRun } from '../../../src/store/runs.store';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';

const origin = { platform: 'console' as const, channelId: 'console' };

function textOf(reply: Reply): string {
  if (reply.type === 'text') return reply.text;
  if (reply.type === 'modal') return reply.modal.title;
  const c = reply.card;
  return [c.title, c.summary, c.description, ...(c.fields ?? []).map((f) => `${f.label}: ${f.value}`), ...(c.sections ?? []).map((s) => s.text)].filter(Boolean).join('\n');
}

describe.each(testDatabases({ only: 'pglite' }))('gate commands on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;
  let deps: DispatchDeps;
  const errors: object[] = [];
  const say = (text: string) => runCommandText(deps, { actor: consoleActor, origin, now: new Date() }, text);
  const startDemo = async (extra = '') => {
    await say(`run demo ${extra}`.trim());
    const runs = await factory.service.listActiveRuns();
    const run = runs[runs.length - 1]!;
    const gate = await eventually(async () => (await factory.service.getRun(run.id)).pendingGates[0], 'the gate');
    return { run, gate };
  };

  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database);
    deps = { commands: COMMANDS, service: factory.service, log: { error: (obj) => void errors.push(obj) } };
  });
  afterAll(async () => {
    await factory?.stop();
    await database?.close();
  });

  it('GIVEN reassign, escalate and the Reassign form THEN each hands the gate over and says so', async () => {
    const { gate } = await startDemo();
    expect(textOf(await say(`reassign ${gate.id} @bo contracts are his`))).toContain(`Gate #${gate.id} (Draft) is now bo’s`);
    expect((await factory.service.getGate(gate.id)).assignee?.name).toBe('bo');
    expect(modalForAction(`gate:${gate.id}:reassign`)?.fields[0]?.label).toBe('To whom?');
    const call = { actor: consoleActor, origin, now: new Date() };
    expect(textOf(await handleModalSubmit(deps, call, `gate:${gate.id}:reassign`, { reason: '@cy' }))).toContain('is now cy’s');
    expect(textOf(await say(`escalate ${gate.id} to @dee the launch is today`))).toContain(`Escalated gate #${gate.id} (Draft) to dee`);
    expect(textOf(await say(`escalate ${gate.id} no time left`))).toContain('Escalated gate');
    expect(errors).toEqual([]);
  });

  it('GIVEN approve run=N THEN a confirmation card lists the gates, nothing is approved until Confirm, and a second Confirm is refused', async () => {
    const { run, gate } = await startDemo();
    const confirm = await say(`approve run=${run.id} ship it`);
    expect(confirm.type === 'card' && confirm.ephemeral).toBe(true);
    expect(textOf(confirm)).toContain(`#${gate.id} **Draft**`);
    expect((await factory.service.getGate(gate.id)).status).toBe('pending');
    const id = confirm.type === 'card' ? confirm.card.actions?.[0]?.id : undefined;
    expect(id).toMatch(/^bulk:\d+:approve:confirm$/);
    const call = { actor: consoleActor, origin, now: new Date() };
    expect(textOf(await handleAction(deps, call, id!))).toContain(`Approved 1 of 1:\n#${gate.id} Draft: approved`);
    expect(textOf(await handleAction(deps, call, id!))).toContain('already approved from this confirmation');
    const rows = await database.db.selectFrom('audit_log').select(['action', 'metadata']).where('gate_id', '=', gate.id).where('action', '=', 'gate.approved').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.metadata).toMatchObject({ reason: 'ship it', via: 'button' });
  });

  it('GIVEN approve with conditions THEN they are recorded, shown on the decided card and given to the next block as input', async () => {
    const { run, gate } = await startDemo();
    expect(textOf(await say(`approve ${gate.id} fine if: cite the source; keep it under 200 words`))).toContain('on 2 conditions');
    const decided = await factory.service.getGate(gate.id);
    expect(decided.conditions).toEqual(['cite the source', 'keep it under 200 words']);
    const record = (await getRun(database.db, run.id))!;
    const next = record.template.blocks.find((b) => b.inputs.depends.some((d) => d.block === decided.blockId))!;
    const blockRun = (await findBlockRun(database.db, run.id, next.id))!;
    const job = await buildJob(database.db, record, next, blockRun);
    expect(job.inputs[`${decided.blockId}.approval-conditions`]?.content).toBe(JSON.stringify(['cite the source', 'keep it under 200 words']));
  });

  it('GIVEN run priority=high and /factory priority THEN the run and its gates carry it', async () => {
    const { run, gate } = await startDemo('priority=high');
    expect((await getRun(database.db, run.id))?.priority).toBe('high');
    expect((await factory.service.getGate(gate.id)).priority).toBe('high');
    expect(textOf(await say(`priority ${run.id} critical`))).toContain('is now critical priority');
    expect((await factory.service.getGate(gate.id)).priority).toBe('critical');
  });

  it('GIVEN away until a date with a delegate THEN it is set and ended; bad arguments get a usage sentence, ephemeral', async () => {
    expect(textOf(await say('away until 2099-01-01 delegate @bo'))).toContain('Away until 2099-01-01: bo gets your reminders');
    expect(textOf(await say('away back'))).toContain('Welcome back');
    const cases: Array<[string, RegExp]> = [
      ['reassign', /give the gate number/],
      ['reassign 12', /name who takes it/],
      ['reassign 12 <#C123>', /is not a person/],
      ['escalate 12', /say why it cannot wait/],
      ['away until tomorrow delegate @bo', /YYYY-MM-DD/],
      ['away', /say until when and who stands in/],
      ['priority 1 urgent', /critical, high, medium or low/],
      ['approve 12 13 if: tests pass', /Conditions go on one gate at a time/],
      ['run demo priority=urgent', /priority is critical, high, medium or low/],
    ];
    for (const [text, expected] of cases) {
      const reply = await say(text);
      expect(reply.type, text).toBe('text');
      expect(reply.type === 'text' && reply.ephemeral, text).toBe(true);
      expect(textOf(reply), text).toMatch(expected);
      expect(textOf(reply), text).toMatch(/Usage: `\/factory |Conditions go on one gate/);
    }
  });
});
