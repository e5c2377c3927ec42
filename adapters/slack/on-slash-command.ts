import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import { runCommandText } from '../../commands/dispatch';
import { parseCommandText } from '../../commands/parse-text';
import type { Reply } from '../../src/domain/card';
import type { Origin } from '../../src/runner/factory-service';
import { failureReply, type SlackHandlerDeps } from './handler-deps';
import type { DeliveryVerdict } from './recent-deliveries';
import type { ReplyPlace } from './reply-sender';

/** The one slash command; every subcommand is its text ("/factory run demo"). */
export const FACTORY_COMMAND = '/factory';

/**
 * Subcommands that must not run on a delivery this process cannot prove is the first: a second
 * `run` would start a second run. Every other subcommand is safe to repeat (decisions are one
 * conditional UPDATE in the store; reads change nothing; cancel and retry refuse a second time).
 */
const NOT_REPEATABLE = new Set(['run']);

/**
 * `/factory <text>`: ack at once (empty, so Slack echoes nothing), then parse and run the
 * subcommand as the person who typed it and deliver its Reply.
 *
 * Retries: a payload seen moments ago is dropped (its first delivery is being handled). A retry
 * of a delivery this process never saw (Slack's X-Slack-Retry-Num / retry_attempt > 0; the first
 * went to another replica or died with a process) runs too, except `run`, which instead tells the
 * person to check `/factory status`: a lost command is one retype away, a duplicate run is not.
 */
export function registerSlashCommand(app: App, deps: SlackHandlerDeps): void {
  app.command(FACTORY_COMMAND, async ({ ack, command, respond, context }) => {
    await ack();
    const verdict = deps.deliveries.check(command, context.retryNum);
    if (verdict === 'repeat') {
      deps.log.info({ user: command.user_id, retryNum: context.retryNum }, 'dropped a repeated /factory delivery');
      return;
    }
    await deps.inflight.track(() => runSlashCommand(deps, command, respond, verdict));
  });
}

async function runSlashCommand(deps: SlackHandlerDeps, command: SlashCommand, respond: RespondFn | undefined, verdict: DeliveryVerdict): Promise<void> {
  const threadTs = typeof command.thread_ts === 'string' && command.thread_ts ? command.thread_ts : null;
  const place: ReplyPlace = { userId: command.user_id, channelId: command.channel_id, threadTs, respond, triggerId: command.trigger_id };
  let reply: Reply;
  try {
    if (verdict === 'unseen-retry' && isNotRepeatable(deps, command.text)) {
      deps.log.warn({ user: command.user_id, text: command.text }, 'Slack re-sent a /factory run this process never saw; not starting a second run');
      reply = {
        type: 'text',
        ephemeral: true,
        text: `Slack delivered \`${FACTORY_COMMAND} ${command.text}\` a second time, so I did not start another run. Check \`${FACTORY_COMMAND} status\`: if your run is not there, type the command again.`,
      };
    } else {
      const actor = await deps.actors.resolve(command.user_id, command.user_name);
      const origin: Origin = { platform: 'slack', channelId: command.channel_id, threadId: threadTs };
      reply = await runCommandText(deps.dispatch, { actor, origin, now: deps.now() }, command.text);
    }
  } catch (error) {
    reply = failureReply(deps.log, error, { command: command.text, user: command.user_id });
  }
  try {
    await deps.replies.send(reply, place);
  } catch (error) {
    await deps.replies.send(failureReply(deps.log, error, { command: command.text, user: command.user_id, stage: 'reply' }), place).catch(() => undefined);
  }
}

function isNotRepeatable(deps: SlackHandlerDeps, text: string): boolean {
  const parsed = parseCommandText(deps.dispatch.commands, text);
  return parsed.ok && NOT_REPEATABLE.has(parsed.value.command.name);
}
