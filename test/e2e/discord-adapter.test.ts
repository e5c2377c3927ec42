/**
 * The Discord acceptance, end to end: the real discord.js client (through the Discord adapter)
 * against the fake Discord, the real store, runner and outbox via createFactoryApp.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditForRun } from '../../src/store/audit.store';
import { OPEN_TIMEOUT_MS, testDatabases } from '../support/databases';
import { eventually } from '../support/factory-harness';
import { botPosts, buttonIds, startDiscordBot, textOf, waitForCardWithButton, waitForFake, type DiscordBot } from './discord-harness';

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
    const started = await command.waitForFollowUp();
    expect(started.flags ?? 0).toBe(0);
    expect(textOf(started)).toMatch(/demo|haiku/i);

    const [run] = await app.service.listActiveRuns(new Date());
    expect(run).toBeDefined();
    const status = await waitForFake(fake, () => botPosts(fake, general).find((m) => m.embeds[0]?.title?.includes(`#${run!.id}`)), 'the run status card');
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

    await eventually(async () => (await app.service.getRun(run!.id, new Date())).status === 'completed', 'the run to complete');
    const query = fake.dispatchInteraction('command', { ...people.vic, channelId: general, name: 'factory', subcommand: 'status', options: { run: run!.id } });
    await query.reply();
    const shown = await query.waitForFollowUp();
    expect(textOf(shown)).toMatch(/completed|done/i);
    expect(bot.logs.filter((l) => /"level":50/.test(l))).toEqual([]);
  });
});
