import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chooseAdapters } from '../../../src/boot/choose-adapters';
import { ConfigError, readEnv } from '../../../src/config';
import { EMPTY_FILE_CONFIG } from '../../../src/config-file';

const terminal = { input: new PassThrough(), output: new PassThrough() };
const choose = (mode: Parameters<typeof chooseAdapters>[0], vars: Record<string, string> = {}) =>
  chooseAdapters(mode, readEnv(vars), EMPTY_FILE_CONFIG, terminal);

describe('chooseAdapters', () => {
  it('GIVEN the console mode THEN only the console adapter; GIVEN headless THEN none', async () => {
    expect((await choose('console')).map((a) => a.platform)).toEqual(['console']);
    expect(await choose('headless')).toEqual([]);
  });

  it('GIVEN Discord and Slack tokens THEN both adapters, and nothing connects before start', async () => {
    const chosen = await choose('platforms', { DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: '123456789012345678', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(chosen.map((a) => a.platform)).toEqual(['discord', 'slack']);
  });

  it('GIVEN a Slack secret without the bot token THEN the boot stops with the sentence naming both', async () => {
    await expect(choose('platforms', { DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: '1', SLACK_APP_TOKEN: 'xapp-1' })).rejects.toThrow(ConfigError);
    await expect(choose('platforms', { DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: '1', SLACK_APP_TOKEN: 'xapp-1' })).rejects.toThrow(/SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not/);
  });

  it('GIVEN DISCORD_TOKEN without the application id THEN the boot stops saying where to find it', async () => {
    await expect(choose('platforms', { DISCORD_TOKEN: 'token' })).rejects.toThrow(/DISCORD_APPLICATION_ID/);
  });
});
