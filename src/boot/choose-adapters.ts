import type { AdapterFactory } from '../app';
import type { Env } from '../config';
import type { FileConfig } from '../config-file';
import { consoleAdapterFactory, type ConsoleAdapterOptions } from '../../adapters/console/console-adapter';
import type { ChatMode } from './choose-chat-mode';

// Platform adapters are imported only when their token is set: discord.js and @slack/bolt are
// large imports that the console chat (the default) does not need.

async function loadDiscordAdapter(env: Env): Promise<AdapterFactory | null> {
  if (!env.DISCORD_TOKEN) return null;
  const { discordAdapterFromEnv } = await import('../../adapters/discord');
  return discordAdapterFromEnv(env);
}

async function loadSlackAdapter(env: Env, fileConfig: FileConfig): Promise<AdapterFactory | null> {
  // Stray SLACK_APP_TOKEN or SLACK_SIGNING_SECRET without a bot token is an error, not "Slack off".
  if (!env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) return null;
  const { slackAdapterFromEnv } = await import('../../adapters/slack');
  return slackAdapterFromEnv(env, fileConfig);
}

/**
 * The chat adapters for the mode: Discord and/or Slack from their tokens (both may run at once),
 * the console chat on the given terminal streams, or none (headless). Misconfigured tokens throw
 * the platform adapter's ConfigError, which the boot prints as its sentence.
 */
export async function chooseAdapters(mode: ChatMode, env: Env, fileConfig: FileConfig, terminal: ConsoleAdapterOptions): Promise<AdapterFactory[]> {
  if (mode === 'headless') return [];
  if (mode === 'console') return [consoleAdapterFactory(terminal)];
  const chosen = [await loadDiscordAdapter(env), await loadSlackAdapter(env, fileConfig)];
  return chosen.filter((a): a is AdapterFactory => a !== null);
}
