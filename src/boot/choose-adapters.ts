import type { AdapterFactory } from '../app';
import type { Env } from '../config';
import type { FileConfig } from '../config-file';
import { consoleAdapterFactory, type ConsoleAdapterOptions } from '../../adapters/console/console-adapter';
import type { ChatMode } from './choose-chat-mode';
import { BootError } from './boot-error';

/**
 * TODO(lead): wire Slack here once adapters/slack exports its factory, e.g.
 *   const { slackAdapterFactory } = await import('../../adapters/slack');
 *   return slackAdapterFactory(options);
 * Until then a set SLACK_BOT_TOKEN stops the boot with a sentence instead of being ignored.
 */
async function loadSlackAdapter(env: Env, fileConfig: FileConfig): Promise<AdapterFactory | null> {
  const { slackOptionsFromEnv } = await import('../../adapters/slack/slack-options');
  const options = slackOptionsFromEnv(env, fileConfig);
  if (!options) return null;
  throw new BootError('SLACK_BOT_TOKEN is set, but this build does not include the Slack adapter yet: unset SLACK_BOT_TOKEN (and SLACK_APP_TOKEN, SLACK_SIGNING_SECRET) to use Discord or the console chat.');
}

async function loadDiscordAdapter(env: Env): Promise<AdapterFactory | null> {
  if (!env.DISCORD_TOKEN) return null;
  // Loaded only when configured: discord.js is a large import the console chat does not need.
  const { discordAdapterFromEnv } = await import('../../adapters/discord');
  return discordAdapterFromEnv(env);
}

/**
 * The chat adapters for the mode: Discord and/or Slack from their tokens, the console chat on the
 * given terminal streams, or none (headless). Platform adapters are imported on demand.
 */
export async function chooseAdapters(
  mode: ChatMode,
  env: Env,
  fileConfig: FileConfig,
  terminal: ConsoleAdapterOptions,
): Promise<AdapterFactory[]> {
  if (mode === 'headless') return [];
  if (mode === 'console') return [consoleAdapterFactory(terminal)];
  const chosen = [await loadDiscordAdapter(env), await loadSlackAdapter(env, fileConfig)];
  return chosen.filter((a): a is AdapterFactory => a !== null);
}
