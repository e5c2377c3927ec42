/**
 * Every /factory subcommand through the one dispatch path, on the real run service and store,
 * as the console owner, as a Discord viewer (refusals) and with bad arguments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index';
import { handleAction, handleModalSubmit } from '../../../commands/actions';
import { runCommandText, type DispatchDeps } from '../../../commands/dispatch';
import type { Actor } from '../../../src/domain/actor';
import type { Reply } from '../../../src/domain/card';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';

const viewer: Actor = { type: 'human', platform: 'discord', id: '300000000000000001', name: 'vic' };
const origin = { platform: 'console' as const, channelId: 'console' };

function textOf(reply: Reply): string {
  if (reply.type === 'text') return reply.text;
  if (reply.type === 'modal') return reply.modal.title;
  const c = reply.card;
  return [c.title, c.summary, c.description, ...(c.fields ?? []).map((f) => `${f.label}: ${f.value}`), ...(c.sections ?? []).map((s) => s.text), c.footer].filter(Boolean).join('\n');
}

describe.each(testDatabases({ only: 'pglite' }))('commands on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;
  let deps: DispatchDeps;
  const errors: object[] = [];
  const as = (actor: Actor, text: string) => runCommandText(deps, { actor, origin: { ...origin, platform: actor.platform }, now: new Date() }, text);

  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database);
    deps = { commands: COMMANDS, service: factory.service, log: { error: (obj) => void errors.push(obj) } };
  });
  afterAll(async () => {
    await factory?.stop();
    await database?.close();
  });

  it('GIVEN the owner THEN run, status, blockers, pending, approve, audit, templates, schedules and help all answer from the store', async () => {
    // One public card per start (the status card the outbox posts); the starter gets a quiet line.
    const started = await as(consoleActor, 'run demo "Launch copy" topic="two words"');
    expect(started).toMatchObject({ type: 'text', ephemeral: true });
    expect(textOf(started)).toMatch(/^Started Launch copy \(#\d+\)\. Its status card is in this channel/);
    const run = (await factory.service.listActiveRuns())[0]!;
    expect(run.name).toBe('Launch copy');
    expect(run.params.topic).toBe('two words');

    const gate = await eventually(async () => (await factory.service.getRun(run.id)).pendingGates[0], 'the gate');
    expect(textOf(await as(consoleActor, `status ${run.id}`))).toContain('Launch copy');
    expect(textOf(await as(consoleActor, 'blockers'))).toContain(gate.blockName);
    // Read commands answer only the asker unless told to share.
    expect(await as(consoleActor, `status ${run.id}`)).toMatchObject({ type: 'card', ephemeral: true });
    expect(await as(consoleActor, `status ${run.id} public`)).toMatchObject({ type: 'card', ephemeral: false });
    expect(await as(consoleActor, 'status')).toMatchObject({ type: 'card', ephemeral: true });
    expect(await as(consoleActor, 'blockers')).toMatchObject({ type: 'card', ephemeral: true });
    expect(await as(consoleActor, 'blockers public')).toMatchObject({ type: 'card', ephemeral: false });
    expect(textOf(await as(consoleActor, 'pending'))).toContain(gate.blockName);
    expect(textOf(await as(consoleActor, `claim ${gate.id}`))).toContain('You claimed gate');
    expect(textOf(await as(consoleActor, `approve ${gate.id} looks good`))).toMatch(/^Approved gate #\d+ \(Draft\)\. Next: Publish\./);
    expect(textOf(await as(consoleActor, `approve ${gate.id}`))).toContain('was already decided: Approved by you');
    await eventually(async () => (await factory.service.getRun(run.id)).status === 'completed', 'the run to complete');

    const audit = textOf(await as(consoleActor, `audit ${run.id}`));
    expect(audit).toMatch(/approved/i);
    expect(textOf(await as(consoleActor, 'templates'))).toContain('clone-factory');
    expect(textOf(await as(consoleActor, 'schedules'))).toBeTruthy();
    expect(textOf(await as(consoleActor, 'help'))).toContain('/factory run <template>');
    expect(errors).toEqual([]);
  });

  it('GIVEN reject, retry, autonomy and cancel THEN each changes the run as it says, cancel only after confirmation', async () => {
    await as(consoleActor, 'run demo simulate');
    const run = (await factory.service.listActiveRuns()).find((r) => r.simulate)!;
    const gate = await eventually(async () => (await factory.service.getRun(run.id)).pendingGates[0], 'the gate');
    expect(textOf(await as(consoleActor, `reject ${gate.id}`))).toContain('reason');
    expect(textOf(await as(consoleActor, `reject ${gate.id} tighten the second line`))).toContain('reworked with your reason');
    expect(textOf(await as(consoleActor, `retry ${run.id} draft`))).toContain('Only a failed block can be retried');
    expect(textOf(await as(consoleActor, `autonomy ${run.id} all auto`))).toContain('runs on without asking');
    expect((await factory.service.getRun(run.id)).autonomy).toEqual({ '*': 'auto' });

    const confirm = await as(consoleActor, `cancel ${run.id}`);
    expect(confirm.type === 'card' && confirm.ephemeral).toBe(true);
    expect((await factory.service.getRun(run.id)).status).toBe('running');
    const call = { actor: consoleActor, origin, now: new Date() };
    expect(textOf(await handleAction(deps, call, `run:${run.id}:cancel:confirm`))).toContain('Cancelled');
    expect((await factory.service.getRun(run.id)).status).toBe('cancelled');
  });

  it('GIVEN a button click and a submitted form THEN the audit says button and modal; a 4,000-character form value is refused by us', async () => {
    const viaOf = async (gateId: string) => {
      const row = await database.db.selectFrom('audit_log').select('metadata').where('gate_id', '=', gateId).where('action', 'like', 'gate.%ed').orderBy('id', 'desc').executeTakeFirstOrThrow();
      return (row.metadata as { via?: string }).via;
    };
    const call = () => ({ actor: consoleActor, origin, now: new Date() });
    await as(consoleActor, 'run demo "Clicks" simulate');
    const run = (await factory.service.listActiveRuns()).find((r) => r.name === 'Clicks')!;
    const first = await eventually(async () => (await factory.service.getRun(run.id)).pendingGates[0], 'the gate');
    const tooLong = await handleModalSubmit(deps, call(), `gate:${first.id}:reject`, { reason: 'x'.repeat(4000) });
    expect(tooLong).toMatchObject({ type: 'text', ephemeral: true });
    expect(textOf(tooLong)).toMatch(/^At most \d+ characters \(this has 4000\)/);
    expect((await factory.service.getGate(first.id)).status).toBe('pending');
    expect(textOf(await handleModalSubmit(deps, call(), `gate:${first.id}:reject`, { reason: 'tighten the second line' }))).toContain('Rejected gate');
    expect(await viaOf(first.id)).toBe('modal');
    expect((await factory.service.getGate(first.id)).decidedVia).toBe('modal');

    const second = await eventually(async () => (await factory.service.getRun(run.id)).pendingGates.find((g) => g.id !== first.id), 'the gate after rework');
    expect(textOf(await handleAction(deps, call(), `gate:${second.id}:approve`))).toContain('Approved gate');
    expect(await viaOf(second.id)).toBe('button');
    expect((await factory.service.getGate(second.id)).decidedVia).toBe('button');
  });

  it('GIVEN a Discord user with no role THEN reading works and every change is refused with the role it needs', async () => {
    expect((await as(viewer, 'status')).type).toBe('card');
    const refused = await as(viewer, 'run demo');
    expect(refused).toMatchObject({ type: 'text', ephemeral: true });
    expect(textOf(refused)).toContain('Starting a run needs the operator role');
    expect(textOf(refused)).toContain('factory.config.json');
    const runs = await factory.service.listActiveRuns();
    expect(runs.every((r) => r.createdBy !== 'vic')).toBe(true);
  });

  it('GIVEN bad arguments THEN an ephemeral sentence with the usage, never a stack trace', async () => {
    const cases: Array<[string, RegExp]> = [
      ['run', /name a template/],
      ['run nope', /There is no template "nope"/],
      ['run demo depth=3', /has no parameter "depth"/],
      ['approve abc', /a gate is a number like 12/],
      ['approve 999999', /There is no gate #999999/],
      ['status 424242', /There is no run #424242/],
      ['autonomy 1 all sometimes', /gate, guided or auto/],
      ['frobnicate', /Unknown subcommand "frobnicate"/],
      ['run "demo', /quote is not closed/],
    ];
    for (const [text, expected] of cases) {
      const reply = await as(consoleActor, text);
      expect(reply.type, text).toBe('text');
      expect(reply.type === 'text' && reply.ephemeral, text).toBe(true);
      expect(textOf(reply), text).toMatch(expected);
      expect(textOf(reply), text).not.toMatch(/\n\s+at |Error:/);
    }
  });
});
