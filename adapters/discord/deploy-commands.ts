/**
 * `npm run commands:deploy`: registers `/factory` with Discord from the environment (read through
 * readEnv): in DISCORD_GUILD_ID when set (instant), else globally. Registers only when Discord's
 * copy differs, so running it twice changes nothing the second time.
 */
import { pathToFileURL } from 'node:url';
import { REST } from 'discord.js';
import { COMMANDS } from '../../commands/index';
import { ConfigError, readEnv, type Env } from '../../src/config';
import { buildFactoryCommand } from './command-definition';
import { syncCommands, type SyncOutcome } from './sync-commands';

/** Registers the commands for this environment; throws a ConfigError naming what is missing. */
export async function deployCommands(env: Env): Promise<SyncOutcome> {
  if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID) {
    throw new ConfigError('commands:deploy needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (the bot token and the application id from the Discord developer portal).');
  }
  const rest = new REST(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}).setToken(env.DISCORD_TOKEN);
  try {
    return await syncCommands(rest, { applicationId: env.DISCORD_APPLICATION_ID, guildId: env.DISCORD_GUILD_ID }, buildFactoryCommand(COMMANDS));
  } finally {
    // REST keeps a sweeper timer for rate-limit buckets; clear it so the script exits at once.
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** The words the script prints for an outcome. */
export function describeOutcome(outcome: SyncOutcome): string {
  const where = outcome.scope === 'guild' ? 'in the guild' : 'globally (may take up to an hour to show everywhere)';
  return outcome.changed ? `/factory registered ${where}: ${outcome.reason}.` : `/factory is already up to date ${where}; nothing registered.`;
}

async function main(): Promise<void> {
  try {
    console.log(describeOutcome(await deployCommands(readEnv())));
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `Registering commands failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

// Run only as a script, never when a test imports deployCommands.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
