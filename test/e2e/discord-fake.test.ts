/**
 * The real discord.js 14 Client against the local fake Discord: login, commands, interactions,
 * messages with the card renderer, limit errors, 5xx/429 handling and gateway RESUME.
 */
import { once } from 'node:events';
import { Socket } from 'node:net';
import {
  DiscordAPIError,
  Events,
  HTTPError,
  MessageFlags,
  RESTEvents,
  type Client,
  type RateLimitData,
  type TextChannel,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/discord/render-card';
import { renderModal } from '../../adapters/discord/render-modal';
import type { Card } from '../../src/domain/card';
import { startFakeDiscord, type CreatedGuild, type FakeDiscord } from '../fakes/discord';
import { handleNextInteraction, loginClient } from '../fakes/discord/discord-js-client';

const FACTORY_COMMAND = {
  name: 'factory',
  description: 'Run and steer pipelines',
  options: [
    { type: 1, name: 'run', description: 'Start a run', options: [{ type: 3, name: 'template', description: 'Template id', required: true, autocomplete: true }] },
    { type: 1, name: 'status', description: 'Show run status' },
  ],
};
const gateCard = (over: Partial<Card> = {}): Card => ({
  kind: 'gate',
  title: 'Approve deploy to production',
  summary: 'Gate waiting: deploy',
  tone: 'pending',
  fields: [{ label: 'Run', value: '#42', inline: true }],
  actions: [
    { id: 'gate:42:approve', label: 'Approve', style: 'primary' },
    { id: 'gate:42:reject', label: 'Reject', style: 'danger' },
  ],
  ...over,
});

let fake: FakeDiscord;
let client: Client<true>;
let guild: CreatedGuild;
let clock = 0;

beforeEach(async () => {
  clock = 0;
  fake = await startFakeDiscord({ heartbeatIntervalMs: 500, now: () => Date.now() + clock });
  guild = fake.createGuild({ channels: ['general', 'approvals'], roles: [{ name: 'approver' }, { name: 'admin', permissions: 8n }] });
  client = await loginClient(fake);
});

/** Live TCP sockets with either end on `port`; the undocumented handle list is the only way to see them. */
function openSocketsOn(port: number): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof Socket && !h.destroyed && (h.remotePort === port || h.localPort === port)).length;
}

afterEach(async () => {
  await client.destroy();
  await fake.close();
  expect(fake.gateway.connectedSockets).toBe(0);
  expect(fake.server.listening).toBe(false);
  expect(openSocketsOn(fake.port)).toBe(0);
});

const channel = (name = 'general') => client.channels.cache.get(guild.channels[name]!) as TextChannel;

describe('discord.js against the fake Discord', () => {
  it('GIVEN Guilds intent and rest.api THEN it fetches /gateway/bot, identifies with plain JSON and becomes ready with the guild', () => {
    expect(client.user.id).toBe(fake.botUser.id);
    expect(fake.requestsMatching({ method: 'GET', path: /^\/gateway\/bot$/ })[0]?.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(fake.gateway.connections[0]).toMatchObject({ path: '/gateway', query: { v: '10', encoding: 'json' } });
    expect(fake.gateway.connections[0]!.query.compress).toBeUndefined();
    expect(fake.gateway.received.find((r) => r.op === 2)?.d).toMatchObject({ intents: 1, shard: [0, 1] });
    expect(fake.sessionsStarted).toBe(1);
    const cached = client.guilds.cache.get(guild.id)!;
    expect(cached.channels.cache.map((c) => c.name).sort()).toEqual(['approvals', 'general']);
    expect(cached.roles.cache.get(guild.roles.approver!)?.name).toBe('approver');
  });

  it('GIVEN command definitions THEN guild and global registration are stored; an invalid one is rejected with 50035', async () => {
    await client.application.commands.set([FACTORY_COMMAND], guild.id);
    await client.application.commands.set([{ name: 'factory-help', description: 'Help' }]);
    expect(fake.state.commandsFor(guild.id).map((c) => c.name)).toEqual(['factory']);
    expect((await client.application.commands.fetch()).map((c) => c.name)).toEqual(['factory-help']);
    const error = await client.application.commands.set([{ name: 'Factory', description: 'x'.repeat(101) }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).message).toContain('0.name[APPLICATION_COMMAND_INVALID_NAME]');
  });

  it('GIVEN /factory run template THEN the bot defers (type 5) and edits the original with a rendered card', async () => {
    await client.application.commands.set([FACTORY_COMMAND], guild.id);
    const seen = handleNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
      await interaction.deferReply();
      await interaction.editReply(renderCard(gateCard({ title: `Run of ${interaction.options.getString('template', true)}` })));
      return { sub: interaction.options.getSubcommand(), channelId: interaction.channelId, guildId: interaction.guildId };
    });
    const handle = fake.dispatchInteraction('command', { channelId: guild.channels.general, name: 'factory', subcommand: 'run', options: { template: 'nightly-build' } });
    expect(await handle.reply()).toEqual({ type: 5, data: { flags: 0 } });
    expect(await seen).toEqual({ sub: 'run', channelId: guild.channels.general, guildId: guild.id });
    const original = await handle.waitForEdit();
    expect(original.embeds[0]?.title).toBe('Run of nightly-build');
    expect(original.components).toHaveLength(1);
    expect(original.flags).toBe(0);
    expect(fake.state.messagesIn(guild.channels.general!).map((m) => m.id)).toContain(original.id);
  });

  it('GIVEN an ephemeral deferred reply THEN only the user sees it and it is not listed in the channel', async () => {
    const seen = handleNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: 'only you' });
    });
    const handle = fake.dispatchInteraction('command', { channelId: guild.channels.general, name: 'factory', subcommand: 'status' });
    await seen;
    expect((await handle.waitForEdit()).content).toBe('only you');
    expect(handle.ephemeral).toBe(true);
    expect(fake.state.messagesIn(guild.channels.general!)).toHaveLength(0);
  });

  it('GIVEN a rendered card THEN channel.send posts embed and buttons as rendered, and edit keeps the history', async () => {
    const rendered = renderCard(gateCard({ mentions: ['@here'] }));
    const message = await channel().send(rendered);
    const stored = fake.state.messages.get(message.id)!;
    expect(stored.embeds[0]).toMatchObject(rendered.embeds[0]!);
    expect(stored.components).toEqual(rendered.components);
    expect(stored.content).toBe('@here Gate waiting: deploy');
    await message.edit(renderCard(gateCard({ tone: 'success', title: 'Approved', actions: [] })));
    expect(fake.state.messages.get(message.id)?.embeds[0]?.title).toBe('Approved');
    expect(fake.state.messages.get(message.id)?.components).toEqual([]);
    expect(fake.state.messageHistory.get(message.id)).toHaveLength(1);
    expect(fake.state.messages.get(message.id)?.edited_timestamp).not.toBeNull();
  });

  it('GIVEN a click on Approve THEN a ButtonInteraction with the customId and member roles arrives and update (type 7) edits the card', async () => {
    const message = await channel().send(renderCard(gateCard()));
    const seen = handleNextInteraction(client, async (interaction) => {
      if (!interaction.isButton() || !interaction.inCachedGuild()) throw new Error('expected a guild button');
      await interaction.update(renderCard(gateCard({ title: 'Approved', tone: 'success', actions: [] })));
      return { customId: interaction.customId, messageId: interaction.message.id, approver: interaction.member.roles.cache.has(guild.roles.approver!), admin: interaction.memberPermissions.has('Administrator') };
    });
    const handle = fake.dispatchInteraction('button', { messageId: message.id, customId: 'gate:42:approve', userId: '190000000000000042', username: 'ana', roles: [guild.roles.approver!] });
    expect(await seen).toEqual({ customId: 'gate:42:approve', messageId: message.id, approver: true, admin: false });
    expect((await handle.reply()).type).toBe(7);
    expect(fake.state.messages.get(message.id)?.embeds[0]?.title).toBe('Approved');
  });

  it('GIVEN Reject THEN the bot opens a modal (type 9) and the submit arrives with the field value', async () => {
    const message = await channel().send(renderCard(gateCard()));
    const opened = handleNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.showModal(renderModal({ id: 'gate:42:reject', title: 'Reject deploy to production', fields: [{ id: 'reason', label: 'Why?', required: true, multiline: true, maxLength: 1000 }] }));
    });
    const click = fake.dispatchInteraction('button', { messageId: message.id, customId: 'gate:42:reject', administrator: true });
    await opened;
    expect(await click.reply()).toMatchObject({ type: 9, data: { custom_id: 'gate:42:reject' } });
    const submitted = handleNextInteraction(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submit');
      await interaction.reply({ content: 'Rejected', flags: MessageFlags.Ephemeral });
      return { customId: interaction.customId, reason: interaction.fields.getTextInputValue('reason'), messageId: interaction.message?.id };
    });
    const submit = fake.dispatchInteraction('modal', { customId: 'gate:42:reject', values: { reason: 'too risky on a Friday' } });
    expect(await submitted).toEqual({ customId: 'gate:42:reject', reason: 'too risky on a Friday', messageId: message.id });
    expect((await submit.reply()).type).toBe(4);
    expect(submit.ephemeral).toBe(true);
  });

  it('GIVEN autocomplete on template THEN the focused value arrives and respond() sends type 8 choices', async () => {
    await client.application.commands.set([FACTORY_COMMAND], guild.id);
    const seen = handleNextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const focused = interaction.options.getFocused();
      await interaction.respond([{ name: 'nightly-build', value: 'nightly-build' }]);
      return focused;
    });
    const handle = fake.dispatchInteraction('autocomplete', { channelId: guild.channels.general, name: 'factory', subcommand: 'run', options: { template: 'nig' }, focused: 'template' });
    expect(await seen).toBe('nig');
    expect(await handle.reply()).toEqual({ type: 8, data: { choices: [{ name: 'nightly-build', value: 'nightly-build' }] } });
  });

  it('GIVEN deferUpdate (type 6) THEN editReply edits the clicked message and followUp posts a new one', async () => {
    const message = await channel().send(renderCard(gateCard()));
    const seen = handleNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.deferUpdate();
      await interaction.editReply(renderCard(gateCard({ title: 'Approved by ana', actions: [] })));
      await interaction.followUp({ content: 'Recorded your approval', flags: MessageFlags.Ephemeral });
    });
    const handle = fake.dispatchInteraction('button', { messageId: message.id, customId: 'gate:42:approve' });
    await seen;
    expect((await handle.reply()).type).toBe(6);
    expect(handle.original?.id).toBe(message.id);
    expect(fake.state.messages.get(message.id)?.embeds[0]?.title).toBe('Approved by ana');
    expect(handle.followUps.map((m) => [m.content, m.flags])).toEqual([['Recorded your approval', MessageFlags.Ephemeral]]);
  });

  it('GIVEN a posted card THEN startThread opens a thread the client sees, and a DM reaches a user', async () => {
    const message = await channel().send(renderCard(gateCard()));
    const thread = await message.startThread({ name: 'Run #42' });
    expect(thread.id).toBe(message.id);
    await thread.send(renderCard(gateCard({ title: 'Step 1 done', actions: [] })));
    expect(fake.state.messagesIn(thread.id).map((m) => m.embeds[0]?.title)).toEqual(['Step 1 done']);
    const dmChannelId = fake.createDm('190000000000000077', 'bob');
    const user = await client.users.fetch('190000000000000077');
    const dm = await user.send(renderCard(gateCard({ title: 'Your approval is needed' })));
    expect(dm.channelId).toBe(dmChannelId);
    expect(fake.state.messagesIn(dmChannelId).map((m) => m.embeds[0]?.title)).toEqual(['Your approval is needed']);
  });

  it('GIVEN a reply after the 3 s deadline THEN Discord answers 10062 Unknown interaction', async () => {
    const seen = handleNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
      clock += 3001;
      await interaction.deferReply();
    });
    fake.dispatchInteraction('command', { channelId: guild.channels.general, name: 'factory', subcommand: 'status' });
    const error = await seen.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(10062);
  });

  it('GIVEN an over-limit embed THEN the fake answers 400 and discord.js throws DiscordAPIError 50035 naming the field', async () => {
    const error = await channel().send({ embeds: [{ title: 't'.repeat(257) }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(400);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).message).toContain('embeds[0].title[BASE_TYPE_MAX_LENGTH]: Must be 256 or fewer in length.');
    expect(fake.state.messagesIn(guild.channels.general!)).toHaveLength(0);
  });

  it('GIVEN one 500 THEN discord.js retries at once and succeeds; GIVEN four THEN it gives up with HTTPError after 1 + 3 tries', async () => {
    const path = /^\/channels\/\d+\/messages$/;
    fake.failNext({ method: 'POST', path }, { status: 500, times: 1 });
    await channel().send({ content: 'after one 500' });
    expect(fake.requestsMatching({ method: 'POST', path }).map((r) => r.status)).toEqual([500, 200]);
    fake.failNext({ method: 'POST', path }, { status: 503, times: 4 });
    const error = await channel().send({ content: 'never' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).status).toBe(503);
    expect(fake.requestsMatching({ method: 'POST', path }).map((r) => r.status)).toEqual([500, 200, 503, 503, 503, 503]);
  });

  it('GIVEN a 429 with retry_after 0.05 THEN discord.js waits at least that long, emits rateLimited and retries', async () => {
    const path = /^\/channels\/\d+\/messages$/;
    const limited = once(client.rest, RESTEvents.RateLimited) as Promise<[RateLimitData]>;
    fake.failNext({ method: 'POST', path }, { status: 429, retryAfter: 0.05 });
    await channel().send({ content: 'after 429' });
    const [first, second] = fake.requestsMatching({ method: 'POST', path });
    expect([first?.status, second?.status]).toEqual([429, 200]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(50);
    const [data] = await limited;
    expect(data.retryAfter).toBeGreaterThanOrEqual(50);
  });

  it.each([
    ['a 4000 close frame', { code: 4000 }],
    ['a cut TCP connection (1006)', { terminate: true }],
  ])('GIVEN the gateway drops with %s THEN the client RESUMEs on resume_gateway_url and gets the interaction sent while it was away', async (_how, drop) => {
    const resumed = once(client, Events.ShardResume);
    await fake.dropConnection(drop);
    const seen = handleNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
      await interaction.reply({ content: 'still here' });
      return interaction.commandName;
    });
    // Dispatched while disconnected: only a successful RESUME (replay) can deliver it.
    const handle = fake.dispatchInteraction('command', { channelId: guild.channels.general, name: 'factory', subcommand: 'status' });
    await fake.waitForOpcode(6);
    await resumed;
    expect(await seen).toBe('factory');
    expect((await handle.reply()).type).toBe(4);
    expect(fake.resumes).toBe(1);
    expect(fake.sessionsStarted).toBe(1);
    expect(fake.gateway.connections.at(-1)?.path).toBe('/gateway-resume');
    const later = handleNextInteraction(client, async (interaction) => interaction.isChatInputCommand() && interaction.reply({ content: 'later' }));
    const next = fake.dispatchInteraction('command', { channelId: guild.channels.general, name: 'factory', subcommand: 'status' });
    await later;
    expect((await next.reply()).type).toBe(4);
  });
});
