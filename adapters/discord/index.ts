/**
 * The Discord adapter's public surface: the factory createFactoryApp takes, and the pieces the
 * deploy script and tests use.
 */
import type { AdapterFactory } from '../../src/app';
import { ConfigError, type Env } from '../../src/config';
import { DiscordAdapter, type DiscordAdapterOptions } from './discord-adapter';

export { DiscordAdapter, type DiscordAdapterOptions } from './discord-adapter';
export { buildFactoryCommand, FACTORY_COMMAND_NAME } from './command-definition';
export { syncCommands, type SyncOutcome } from './sync-commands';

/** The Discord adapter for createFactoryApp. */
export function discordAdapterFactory(options: DiscordAdapterOptions): AdapterFactory {
  return { platform: 'discord', create: (ctx) => new DiscordAdapter(ctx, options) };
}

/** The adapter configured from the environment, or null when DISCORD_TOKEN is not set. */
export function discordAdapterFromEnv(env: Env, extra: Partial<DiscordAdapterOptions> = {}): AdapterFactory | null {
  if (!env.DISCORD_TOKEN) return null;
  if (!env.DISCORD_APPLICATION_ID) throw new ConfigError('DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not: copy the application id from the Discord developer portal (General Information).');
  return discordAdapterFactory({
    token: env.DISCORD_TOKEN,
    applicationId: env.DISCORD_APPLICATION_ID,
    guildId: env.DISCORD_GUILD_ID,
    apiUrl: env.DISCORD_API_URL,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    registerOnStart: env.DISCORD_REGISTER_COMMANDS,
    ...extra,
  });
}
