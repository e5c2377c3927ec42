import type { webApi } from '@slack/bolt';
import type { AnyCommand } from '../../commands/types';
import { SLACK_EVENTS_PATH } from './events-endpoint';
import { FACTORY_COMMAND } from './on-slash-command';

/** The app manifest Slack accepts at "Create app → From a manifest" (api.slack.com/apps). */
export type SlackManifest = webApi.AppsManifestCreateArguments['manifest'];

export interface ManifestOptions {
  /** The app's name in Slack (at most 35 characters). */
  name?: string;
  /** Socket Mode: no request URLs; the bot dials out with an app-level token. */
  socketMode: boolean;
  /** HTTP mode: the bot's public base URL; Slack posts to <base>/slack/events. */
  publicBaseUrl?: string;
}

/**
 * The bot scopes the adapter uses, each for one reason: the slash command; posting and editing
 * cards; posting to channels it was not invited to (tasks, alerts); opening DMs for reminders;
 * users.info for names and the admin flag; usergroups.users.list for role mapping.
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'usergroups:read'] as const;

/** Limits from @slack/web-api's manifest types (types/request/manifest.d.ts). */
const MAX_NAME = 35;
const MAX_DESCRIPTION = 140;
const MAX_USAGE_HINT = 1000;
const MIN_LONG_DESCRIPTION = 175;
const MAX_LONG_DESCRIPTION = 4000;

/**
 * Builds the Slack app manifest from the command registry: one /factory slash command whose usage
 * hint lists every subcommand, the scopes above, interactivity (buttons and forms), the Home tab
 * and its app_home_opened event, and either Socket Mode or request URLs at /slack/events. Pure.
 *
 * @throws Error when HTTP mode is asked for without a public https base URL (Slack requires one).
 */
export function buildSlackManifest(commands: readonly AnyCommand[], options: ManifestOptions): SlackManifest {
  const name = cut(options.name?.trim() || 'Process Factory', MAX_NAME);
  const requestUrl = options.socketMode ? undefined : eventsUrl(options.publicBaseUrl);
  const withUrl = requestUrl ? { request_url: requestUrl } : {};
  return {
    display_information: {
      name,
      description: cut('Runs human-gated pipelines: approve, reject and unblock them from Slack.', MAX_DESCRIPTION),
      ...longDescription(commands),
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: botDisplayName(name), always_online: true },
      slash_commands: [
        {
          command: FACTORY_COMMAND,
          description: 'Start runs, decide gates, see status and blockers',
          usage_hint: usageHint(commands),
          should_escape: false,
          ...(requestUrl ? { url: requestUrl } : {}),
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...withUrl, bot_events: ['app_home_opened'] },
      interactivity: { is_enabled: true, ...withUrl },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}

/** "status [run] | blockers | … | help", cut at a whole subcommand to stay within 1000 characters. */
export function usageHint(commands: readonly AnyCommand[]): string {
  let hint = '';
  for (const command of commands) {
    const next = hint ? `${hint} | ${command.usage}` : command.usage;
    if (next.length > MAX_USAGE_HINT) break;
    hint = next;
  }
  return hint;
}

function longDescription(commands: readonly AnyCommand[]): { long_description?: string } {
  const lines = [
    'Process Factory runs config-defined pipelines and puts every human decision in Slack: a card with Approve and Reject buttons for each gate, reminders that escalate until someone decides, and your open gates on the Home tab.',
    '',
    ...commands.map((c) => `• ${FACTORY_COMMAND} ${c.usage}: ${c.description}`),
  ];
  const text = cut(lines.join('\n'), MAX_LONG_DESCRIPTION);
  return text.length >= MIN_LONG_DESCRIPTION ? { long_description: text } : {};
}

function eventsUrl(base: string | undefined): string {
  if (!base || !/^https:\/\//i.test(base)) {
    throw new Error(`HTTP mode needs the bot's public https URL (PUBLIC_BASE_URL, got ${base ? `"${base}"` : 'nothing'}); or ask for Socket Mode, which needs none.`);
  }
  return `${base.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
}

/** Slack allows a-z, 0-9, "-", "_" and "." in a bot's display name, at most 80 characters. */
function botDisplayName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'process-factory';
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
