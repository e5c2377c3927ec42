/**
 * The Discord acceptance, end to end: the real discord.js client (through the Discord adapter)
 * against the fake Discord, the real store, runner and outbox via createFactoryApp.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditForRun } from '../../src/store/audit.store';
import { OPEN_TIMEOUT_MS, testDatabases } from '../support/databases';
import { eventually } from '../support/factory-harness';
import { botPosts, buttonIds, openSocketsOn, startDiscordBot, textOf, waitForCardWithButton, waitForFake, type DiscordBot } from './discord-harness';

describe.each(testDatabases())('the Discord bot on $name', ({ open }) => {
  let bot: DiscordBot;
  let general: string;
  let tasks: string;

  beforeAll(async () => {
    bot = await startDiscordBot(open);
    general = bot.guild.channels.general!;
    tasks = bot.guild.channels.tasks!;
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await bot?.stop();
    // Clean shutdown: the gateway and every REST socket to the fake are closed.
    expect(bot.fake.gateway.connectedSockets).toBe(0);
    expect(openSocketsOn(bot.fake.port)).toBe(0);
  });

  it('GIVEN a start THEN /factory is registered in the guild once; a second sync changes nothing', async () => {
    expect(bot.fake.state.commandsFor(bot.guild.id).map((c) => c.name)).toEqual(['factory']);
    expect(bot.fake.requestsMatching({ method: 'PUT', path: /\/commands$/ })).toHaveLength(1);
    expect(bot.fake.requestsMatching({ method: 'GET', path: /\/guilds\/\d+\/commands$/ })).toHaveLength(1);
  });

  it('GIVEN /factory run demo THEN status card, thread, gate card; a reviewer approves; the card shows it; the run completes; /factory status shows it done', async () => {
    const { fake, people, app } = bot;
    const command = fake.dispatchInteraction('command', { ...people.otto, channelId: general, name: 'factory', subcommand: 'run', options: { template: 'demo' } });
    expect(await command.reply()).toEqual({ type: 5, data: { flags: 64 } });
    // One public card per start: the status card below; the starter alone gets a confirmation.
    const started = await command.waitForEdit();
    expect(command.ephemeral).toBe(true);
    expect(started.content).toMatch(/^Started .* \(#\d+\)\. Its status card is in this channel/);
    expect(command.followUps).toHaveLength(0);

    const [run] = await app.dispatch.service.listActiveRuns(new Date());
    expect(run).toBeDefined();
    const status = await waitForFake(fake, () => botPosts(fake, general).find((m) => m.embeds[0]?.title?.includes(run!.name)), 'the run status card');
    expect(fake.state.messagesIn(general).filter((m) => m.embeds.length > 0)).toHaveLength(1);
    // Times on cards are Discord's own markup, shown live in each reader's zone.
    expect(textOf(status)).toMatch(/<t:\d+:f>/);
    const thread = await waitForFake(fake, () => fake.state.channels.get(status.id), 'the run thread under the status card');
    expect(thread).toMatchObject({ type: 11, parentId: general });

    const gateCard = await waitForCardWithButton(fake, tasks, /^gate:\d+:approve$/);
    const approveId = buttonIds(gateCard).find((id) => id.endsWith(':approve'))!;
    expect(buttonIds(gateCard)).toEqual(expect.arrayContaining([approveId.replace('approve', 'reject')]));

    const click = fake.dispatchInteraction('button', { ...people.rita, messageId: gateCard.id, customId: approveId });
    expect(await click.reply()).toEqual({ type: 5, data: { flags: 64 } });
    const answer = await click.waitForEdit();
    expect(answer.content).toMatch(/^Approved gate #\d+/);
    expect(click.ephemeral).toBe(true);

    const decided = await waitForFake(fake, () => {
      const card = fake.state.messages.get(gateCard.id);
      return card && buttonIds(card).length === 0 ? card : undefined;
    }, 'the gate card edited without buttons');
    expect(textOf(decided)).toContain('Approved by rita');

    await eventually(async () => (await app.dispatch.service.getRun(run!.id, new Date())).status === 'completed', 'the run to complete');
    const query = fake.dispatchInteraction('command', { ...people.vic, channelId: general, name: 'factory', subcommand: 'status', options: { run: run!.id } });
    await query.reply();
    const shown = await query.waitForEdit();
    expect(query.ephemeral).toBe(true);
    expect(textOf(shown)).toMatch(/completed|done/i);
    // `public` shares it with the channel.
    const shared = fake.dispatchInteraction('command', { ...people.vic, channelId: general, name: 'factory', subcommand: 'status', options: { run: run!.id, public: true } });
    await shared.reply();
    expect(textOf(await shared.waitForFollowUp())).toMatch(/completed|done/i);
    const blockers = fake.dispatchInteraction('command', { ...people.vic, channelId: general, name: 'factory', subcommand: 'blockers' });
    await blockers.reply();
    expect(textOf(await blockers.waitForEdit())).toMatch(/stuck/i);
    expect(blockers.ephemeral).toBe(true);
    expect(bot.logs.filter((l) => /"level":50/.test(l))).toEqual([]);
  });

  it('GIVEN a pending gate THEN a viewer clicking Approve is refused (ephemeral) and nothing changes; two reviewers at once make one decision', async () => {
    const { fake, people, app } = bot;
    const command = fake.dispatchInteraction('command', { ...people.otto, channelId: general, name: 'factory', subcommand: 'run', options: { template: 'demo', name: 'race', simulate: true } });
    await command.waitForEdit();
    const run = (await app.dispatch.service.listActiveRuns(new Date())).find((r) => r.name === 'race')!;
    const gateCard = await waitForCardWithButton(fake, tasks, /^gate:\d+:approve$/, 15_000, existingCards());
    const approveId = buttonIds(gateCard).find((id) => id.endsWith(':approve'))!;

    const viewer = fake.dispatchInteraction('button', { ...people.vic, messageId: gateCard.id, customId: approveId });
    expect(await viewer.reply()).toEqual({ type: 5, data: { flags: 64 } });
    expect((await viewer.waitForEdit()).content).toMatch(/needs the reviewer role/);
    expect(viewer.ephemeral).toBe(true);
    expect((await app.dispatch.service.getRun(run.id, new Date())).pendingGates).toHaveLength(1);
    expect(buttonIds(fake.state.messages.get(gateCard.id))).toContain(approveId);

    const first = fake.dispatchInteraction('button', { ...people.rita, messageId: gateCard.id, customId: approveId });
    const second = fake.dispatchInteraction('button', { ...people.rob, messageId: gateCard.id, customId: approveId });
    const answers = [(await first.waitForEdit()).content, (await second.waitForEdit()).content].sort();
    expect(answers[0]).toMatch(/^Approved gate #\d+/);
    expect(answers[1]).toMatch(/was already decided: Approved by (rita|rob)/);
    expect(first.ephemeral && second.ephemeral).toBe(true);
    const decisions = (await listAuditForRun(app.database.db, run.id, { limit: 200 })).filter((e) => e.action === 'gate.approved');
    expect(decisions).toHaveLength(1);
  });

  it('GIVEN someone typing a template name THEN autocomplete offers the matching templates', async () => {
    const typing = bot.fake.dispatchInteraction('autocomplete', { ...bot.people.otto, channelId: general, name: 'factory', subcommand: 'run', options: { template: 'de' }, focused: 'template' });
    const answer = await typing.reply();
    expect(answer.type).toBe(8);
    const choices = (answer.data as { choices: Array<{ name: string; value: string }> }).choices;
    expect(choices.map((c) => c.value)).toContain('demo');
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.every((c) => c.name.length >= 1 && c.name.length <= 100)).toBe(true);
  });

  it('GIVEN the outbox port THEN a DM opens the user’s DM channel; a post to a missing channel fails for good (not retried)', async () => {
    const { fake, people, app } = bot;
    const adapter = app.adapters.get('discord')!;
    const card = { kind: 'reminder' as const, title: 'Gate waiting on you', summary: 'A gate waits', tone: 'pending' as const };
    const ref = await adapter.dm(people.rita.userId!, card);
    expect(fake.state.channels.get(ref.channelId)).toMatchObject({ type: 1, recipients: [{ id: people.rita.userId }] });
    expect(fake.state.messagesIn(ref.channelId).map((m) => m.embeds[0]?.title)).toEqual(['Gate waiting on you']);
    const missing = await adapter.post({ channelId: '1999999999999999999' }, card).catch((e: unknown) => e);
    expect(missing).toMatchObject({ retryable: false, message: expect.stringMatching(/Unknown Channel/) });
  });

  it('GIVEN bad arguments THEN the person gets one ephemeral sentence and no stack trace', async () => {
    const { fake, people } = bot;
    const unknown = fake.dispatchInteraction('command', { ...people.otto, channelId: general, name: 'factory', subcommand: 'run', options: { template: 'no-such-template' } });
    const badGate = fake.dispatchInteraction('command', { ...people.rita, channelId: general, name: 'factory', subcommand: 'approve', options: { gate: 'abc' } });
    for (const handle of [unknown, badGate]) {
      const answer = await handle.waitForEdit();
      expect(handle.ephemeral).toBe(true);
      expect(handle.followUps).toEqual([]);
      expect(answer.content).not.toMatch(/\n\s+at |Error:|\.ts:\d+/);
    }
    expect(unknown.original?.content).toMatch(/no-such-template/);
    expect(badGate.original?.content).toMatch(/gate is a number/);
  });

  it('GIVEN a server administrator with no mapped role types /factory run inside a thread THEN it runs (admin), in that thread, with no new thread', async () => {
    const { fake, app } = bot;
    const admin = { userId: '200000000000000009', username: 'ada', roles: [], administrator: true };
    const thread = [...fake.state.channels.values()].find((c) => c.type === 11 && c.parentId === general)!;
    const threadsBefore = [...fake.state.channels.values()].filter((c) => c.type === 11).length;
    const command = fake.dispatchInteraction('command', { ...admin, channelId: thread.id, name: 'factory', subcommand: 'run', options: { template: 'demo', name: 'threaded' } });
    await command.waitForEdit();
    const run = (await app.dispatch.service.listActiveRuns(new Date())).find((r) => r.name === 'threaded')!;
    await waitForFake(fake, () => botPosts(fake, thread.id).find((m) => m.embeds[0]?.title?.includes(run.name)), 'the status card in the thread');
    expect([...fake.state.channels.values()].filter((c) => c.type === 11)).toHaveLength(threadsBefore);
    expect(botPosts(fake, general).some((m) => m.embeds[0]?.title?.includes('threaded'))).toBe(false);
  });

  /** Cards already in the tasks channel, so a wait for a new gate card skips them. */
  function existingCards(): string[] {
    return botPosts(bot.fake, tasks).map((m) => m.id);
  }
});
