/**
 * A new user's first `npm start` with a Discord token: /factory is registered (one GET, one PUT)
 * and one log line says where; a restart only reads; DISCORD_REGISTER_COMMANDS=false sends
 * nothing. A template channel the config does not map is warned about at boot, by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type CreatedGuild, type FakeDiscord } from '../fakes/discord';
import { OPEN_TIMEOUT_MS, testDatabases } from '../support/databases';
import { startDiscordBot } from './discord-harness';

const messages = (logs: string[]) => logs.map((l) => (JSON.parse(l) as { msg: string }).msg);

describe.each(testDatabases({ only: 'pglite' }))('a first start on Discord on $name', ({ open }) => {
  let fake: FakeDiscord;
  let guild: CreatedGuild;
  const commandRequests = (method: 'GET' | 'PUT') => fake.requestsMatching({ method, path: /\/guilds\/\d+\/commands$/ }).length;

  beforeAll(async () => {
    fake = await startFakeDiscord({ heartbeatIntervalMs: 500 });
    guild = fake.createGuild({ channels: ['general', 'tasks'], roles: [{ name: 'reviewers' }, { name: 'operators' }] });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await fake?.close();
  });

  it('GIVEN a first start THEN /factory is registered and one line says where; a restart sends nothing; the option turns it off', async () => {
    const first = await startDiscordBot(open, { fake, guild, logLevel: 'info' });
    await first.stop();
    expect(fake.state.commandsFor(guild.id).map((c) => c.name)).toEqual(['factory']);
    expect([commandRequests('GET'), commandRequests('PUT')]).toEqual([1, 1]);
    expect(messages(first.logs).filter((m) => m.includes('/factory'))).toEqual([`registered /factory in guild ${guild.id}: not registered yet`]);

    const restart = await startDiscordBot(open, { fake, guild, logLevel: 'info' });
    await restart.stop();
    expect([commandRequests('GET'), commandRequests('PUT')]).toEqual([2, 1]);
    expect(messages(restart.logs).filter((m) => m.includes('/factory'))).toEqual([`/factory is already registered in guild ${guild.id}; nothing sent`]);

    const off = await startDiscordBot(open, { fake, guild, logLevel: 'info', env: { DISCORD_REGISTER_COMMANDS: 'false' } });
    await off.stop();
    expect([commandRequests('GET'), commandRequests('PUT')]).toEqual([2, 1]);
  }, 120_000);

  it('GIVEN a config that maps only tasks THEN the boot warns once for alerts and once for feed, naming the templates', async () => {
    const bot = await startDiscordBot(open, { fake, guild, channels: (g) => ({ tasks: { discord: g.channels.tasks! } }) });
    await bot.stop();
    const warnings = messages(bot.logs).filter((m) => m.startsWith('channel "'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^channel "alerts" \(used by [a-z-]+(, [a-z-]+)*\) has no Discord id in the config's channels/);
    expect(warnings[0]).toContain('demo');
    expect(warnings[1]).toMatch(/^channel "feed" /);

    const mapped = await startDiscordBot(open, { fake, guild, channels: (g) => ({ tasks: { discord: g.channels.tasks! }, alerts: { discord: g.channels.tasks! }, feed: { discord: g.channels.general! } }) });
    await mapped.stop();
    expect(messages(mapped.logs).filter((m) => m.startsWith('channel "'))).toEqual([]);
  }, 120_000);
});
