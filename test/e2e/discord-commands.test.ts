/**
 * `npm run commands:deploy` against the fake Discord: guild or global scope from the environment,
 * a PUT only when Discord's copy differs, other commands of the application left alone.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFactoryCommand } from '../../adapters/discord/command-definition';
import { deployCommands, describeOutcome } from '../../adapters/discord/deploy-commands';
import { COMMANDS } from '../../commands/index';
import { ConfigError, readEnv } from '../../src/config';
import { startFakeDiscord, type CreatedGuild, type FakeDiscord } from '../fakes/discord';

const run = promisify(execFile);
let fake: FakeDiscord;
let guild: CreatedGuild;

beforeEach(async () => {
  fake = await startFakeDiscord();
  guild = fake.createGuild();
});
afterEach(async () => {
  await fake.close();
});

const envFor = (extra: Record<string, string> = {}) => readEnv({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.restUrl, ...extra });
const puts = () => fake.requestsMatching({ method: 'PUT', path: /\/commands$/ }).length;

describe('commands:deploy', () => {
  it('GIVEN DISCORD_GUILD_ID THEN it registers in the guild once; a second run only reads', async () => {
    const env = envFor({ DISCORD_GUILD_ID: guild.id });
    expect(await deployCommands(env)).toEqual({ changed: true, scope: 'guild', reason: 'not registered yet' });
    expect(fake.state.commandsFor(guild.id).map((c) => c.name)).toEqual(['factory']);
    expect(fake.state.globalCommands).toEqual([]);
    const second = await deployCommands(env);
    expect(second).toEqual({ changed: false, scope: 'guild' });
    expect(describeOutcome(second)).toMatch(/already up to date/);
    expect(puts()).toBe(1);
  });

  it('GIVEN no guild THEN it registers globally; a changed definition on Discord is overwritten and other commands kept', async () => {
    const rest = new REST({ api: fake.restUrl }).setToken(fake.token);
    const stale = { ...buildFactoryCommand(COMMANDS), description: 'an older description' };
    await rest.put(Routes.applicationCommands(fake.applicationId), { body: [{ name: 'other', description: 'Someone else’s command' }, stale] });
    expect(await deployCommands(envFor())).toEqual({ changed: true, scope: 'global', reason: 'definition changed' });
    expect(fake.state.globalCommands.map((c) => [c.name, c.description])).toEqual([
      ['other', 'Someone else’s command'],
      ['factory', buildFactoryCommand(COMMANDS).description],
    ]);
    expect(await deployCommands(envFor())).toMatchObject({ changed: false, scope: 'global' });
    expect(puts()).toBe(2);
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  });

  it('GIVEN no token THEN it says which variables to set', async () => {
    await expect(deployCommands(readEnv({ DISCORD_APPLICATION_ID: '1' }))).rejects.toThrow(ConfigError);
    await expect(deployCommands(readEnv({ DISCORD_APPLICATION_ID: '1' }))).rejects.toThrow(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  });

  it('GIVEN the npm script THEN it reads the environment, registers and says so', async () => {
    const env = { PATH: process.env.PATH, DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.restUrl, DISCORD_GUILD_ID: guild.id };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'adapters/discord/deploy-commands.ts'], { env, timeout: 60_000 });
    expect(stdout).toMatch(/\/factory registered in the guild: not registered yet/);
    expect(fake.state.commandsFor(guild.id).map((c) => c.name)).toEqual(['factory']);
  }, 60_000);
});
