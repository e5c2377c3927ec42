import type { AdapterFactory } from '../../src/app';
import type { Env } from '../../src/config';
import type { FileConfig } from '../../src/config-file';
import { SlackAdapter } from './slack-adapter';
import { resolveSlackOptions, slackOptionsFromEnv, type SlackAdapterOptions } from './slack-options';

/**
 * The Slack adapter for createFactoryApp: Socket Mode when `appToken` is set (no public URL
 * needed), otherwise HTTP mode with events and interactivity at POST /slack/events on the bot's
 * own HTTP server. The options are checked here, at boot, with errors that say how to fix them.
 */
export function slackAdapterFactory(options: SlackAdapterOptions): AdapterFactory {
  const resolved = resolveSlackOptions(options);
  return { platform: 'slack', create: (ctx) => new SlackAdapter(ctx, resolved) };
}

/** The factory from the environment, or null when no Slack variable is set. */
export function slackAdapterFromEnv(env: Env, fileConfig: FileConfig, overrides: Partial<SlackAdapterOptions> = {}): AdapterFactory | null {
  const options = slackOptionsFromEnv(env, fileConfig, overrides);
  return options ? slackAdapterFactory(options) : null;
}
