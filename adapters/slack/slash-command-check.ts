/**
 * At start: does the installed app have the /factory slash command? Slack has no bot-token API
 * that lists an app's commands, but every Web API answer names the token's scopes
 * (x-oauth-scopes), and an app without the `commands` scope has no slash command at all. When the
 * scope is missing, one warning says how to fix it; when Slack names no scopes, nothing is said.
 */
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';

export const SLACK_MANIFEST_HINT =
  'the Slack app has no /factory slash command (its bot token lacks the `commands` scope), so nobody can type /factory: ' +
  'run `npm run slack:manifest`, paste the output into the app\'s "App Manifest" page at api.slack.com/apps, save, and reinstall the app to the workspace';

/** True when the token's scopes are known and include `commands`; null when Slack did not say. */
export async function hasSlashCommandScope(app: App): Promise<boolean | null> {
  const auth = await app.client.auth.test();
  const scopes = auth.response_metadata?.scopes;
  return scopes ? scopes.includes('commands') : null;
}

/** Logs the manifest hint when the app lacks the slash command; a failed check is only logged at debug. */
export async function warnWithoutSlashCommand(app: App, log: Logger): Promise<void> {
  try {
    if ((await hasSlashCommandScope(app)) === false) log.warn(SLACK_MANIFEST_HINT);
  } catch (err) {
    log.debug({ err }, 'could not check the Slack app for its slash command');
  }
}
