import type { webApi } from '@slack/bolt';
import { ConfigError, type Env } from '../../src/config';
import type { FileConfig } from '../../src/config-file';

/** How the Slack adapter is set up. Built from the environment by `slackOptionsFromEnv`. */
export interface SlackAdapterOptions {
  /** Bot User OAuth Token (xoxb-…). */
  botToken: string;
  /** App-level token (xapp-…, scope connections:write): Socket Mode, no public URL needed. */
  appToken?: string;
  /** Signing secret: HTTP mode, Slack posts to <PUBLIC_BASE_URL>/slack/events. */
  signingSecret?: string;
  /** Web API base URL (tests point it at a local fake). Default https://slack.com/api/. */
  apiUrl?: string;
  /** Base for links in cards. */
  publicBaseUrl?: string;
  /** Socket Mode ping timeout; it is also the reconnect delay. Default 5000 ms (bolt's). */
  socketPingTimeoutMs?: number;
  /** Web API retries. Default: three quick tries; the outbox retries deliveries on its own schedule. */
  retryConfig?: webApi.RetryOptions;
  /** Slack user group ids whose members matter for roles ("slack:group:<id>" in the config file). */
  groupIds?: readonly string[];
}

export type SlackMode = 'socket' | 'http';

/** Options checked at boot, with the mode they select. */
export type ResolvedSlackOptions = SlackAdapterOptions & { mode: SlackMode; apiUrl: string; retryConfig: webApi.RetryOptions; groupIds: readonly string[] };

/** Short and bounded: a chat reply that only lands minutes later is worse than a logged failure. */
export const DEFAULT_RETRY: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 };
const DEFAULT_API_URL = 'https://slack.com/api/';

/**
 * Checks the options at boot and picks the mode: Socket Mode when an app token is given, HTTP
 * otherwise. Throws a ConfigError that says which variable to set and where to find its value.
 */
export function resolveSlackOptions(options: SlackAdapterOptions): ResolvedSlackOptions {
  const { botToken, appToken, signingSecret } = options;
  if (!botToken) {
    throw new ConfigError('SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your Slack app’s "OAuth & Permissions" page.');
  }
  if (!botToken.startsWith('xoxb-')) {
    throw new ConfigError(`SLACK_BOT_TOKEN must be a bot token starting with "xoxb-" (got "${botToken.slice(0, 5)}…"): use the Bot User OAuth Token, not a user (xoxp-) or app-level (xapp-) token.`);
  }
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    throw new ConfigError(`SLACK_APP_TOKEN must be an app-level token starting with "xapp-" (got "${appToken.slice(0, 5)}…"): create one with the connections:write scope under "Basic Information → App-Level Tokens".`);
  }
  if (!appToken && !signingSecret) {
    throw new ConfigError(
      'Slack needs a way to reach the bot: set SLACK_APP_TOKEN (xapp-…, Socket Mode, no public URL needed; create it under "Basic Information → App-Level Tokens" with connections:write) ' +
        'or SLACK_SIGNING_SECRET ("Basic Information → Signing Secret"; HTTP mode, Slack then posts to <PUBLIC_BASE_URL>/slack/events).',
    );
  }
  const apiUrl = options.apiUrl ? (options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`) : DEFAULT_API_URL;
  return { ...options, mode: appToken ? 'socket' : 'http', apiUrl, retryConfig: options.retryConfig ?? DEFAULT_RETRY, groupIds: options.groupIds ?? [] };
}

/**
 * The Slack options from the environment and the config file, or null when Slack is not
 * configured at all. A half configuration (a secret without a bot token) is an error, not a silent
 * "Slack off".
 */
export function slackOptionsFromEnv(env: Env, fileConfig: FileConfig, overrides: Partial<SlackAdapterOptions> = {}): SlackAdapterOptions | null {
  if (!env.SLACK_BOT_TOKEN) {
    const stray = (['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const).filter((key) => env[key]);
    if (stray.length === 0) return null;
    throw new ConfigError(`${stray.join(' and ')} ${stray.length > 1 ? 'are' : 'is'} set but SLACK_BOT_TOKEN is not: add the Bot User OAuth Token (xoxb-…) from your Slack app’s "OAuth & Permissions" page, or unset ${stray.join(' and ')}.`);
  }
  return {
    botToken: env.SLACK_BOT_TOKEN,
    appToken: env.SLACK_APP_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET,
    apiUrl: env.SLACK_API_URL,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    groupIds: slackGroupIds(fileConfig),
    ...overrides,
  };
}

/** Every Slack user group the config file names; only their members can gain a role through a group. */
export function slackGroupIds(fileConfig: Pick<FileConfig, 'roles' | 'owner' | 'people'>): string[] {
  const principals = [...Object.values(fileConfig.roles ?? {}).flat(), fileConfig.owner ?? '', ...Object.keys(fileConfig.people ?? {})];
  const ids = principals.flatMap((p) => /^slack:group:(.+)$/.exec(p)?.[1] ?? []);
  return [...new Set(ids)];
}
