import type { App, BlockAction, RespondFn } from '@slack/bolt';
import { handleAction, modalForAction } from '../../commands/actions';
import type { ModalRequest, Reply } from '../../src/domain/card';
import type { Origin } from '../../src/runner/factory-service';
import { failureReply, type SlackHandlerDeps } from './handler-deps';
import { encodeModalContext } from './modal-context';
import { renderModal } from './render-modal';

/** The parts of a click this adapter reads; the rest of the payload is Slack's business. */
interface Click {
  actionId: string;
  userId: string;
  userName: string | undefined;
  channelId: string | undefined;
  messageTs: string | undefined;
  threadTs: string | undefined;
  triggerId: string;
  /** Clicked in the App Home tab (a view), where there is no channel or response_url. */
  fromHome: boolean;
  /** Clicked on an ephemeral message (a confirmation card only this person sees). */
  onEphemeral: boolean;
}

/**
 * Button clicks (block_actions). Ack first. Reject and Answer open their form right away with the
 * click's trigger_id, which Slack honours for 3 seconds only, so nothing slow comes before it
 * (modalForAction is pure). Other buttons go through commands/actions; the Reply goes to the
 * clicker alone. The card itself changes through the outbox (chat.update of every copy), for
 * everyone, once the decision is stored. A click Slack re-sends is dropped when seen here; an
 * unseen one is handled, since the store records a decision only once.
 */
export function registerBlockActions(app: App, deps: SlackHandlerDeps): void {
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, action, respond, context }) => {
    await ack();
    const click = readClick(body, action);
    if (!click || deps.deliveries.check(body, context.retryNum) === 'repeat') return;
    const modal = modalForAction(click.actionId);
    if (modal) {
      await deps.inflight.track(() => openForm(deps, click, modal, respond));
      return;
    }
    // A link button (Details, Open thread): Slack opens the link; there is nothing to do.
    if (typeof (action as { url?: unknown }).url === 'string') return;
    await deps.inflight.track(() => runAction(deps, click, respond));
  });
}

function readClick(body: BlockAction, action: unknown): Click | null {
  const actionId = (action as { action_id?: unknown }).action_id;
  if (typeof actionId !== 'string') return null;
  const container = body.container as { type?: unknown; channel_id?: unknown; is_ephemeral?: unknown };
  return {
    actionId,
    userId: body.user.id,
    userName: body.user.name ?? body.user.username,
    channelId: body.channel?.id ?? (typeof container.channel_id === 'string' ? container.channel_id : undefined),
    messageTs: body.message?.ts,
    threadTs: typeof body.message?.thread_ts === 'string' ? body.message.thread_ts : undefined,
    triggerId: body.trigger_id,
    fromHome: container.type === 'view',
    onEphemeral: container.is_ephemeral === true,
  };
}

async function openForm(deps: SlackHandlerDeps, click: Click, modal: ModalRequest, respond: RespondFn | undefined): Promise<void> {
  const context = encodeModalContext({ channelId: click.channelId, messageTs: click.messageTs, threadTs: click.threadTs });
  try {
    await deps.client.views.open({ trigger_id: click.triggerId, view: renderModal(modal, context) });
  } catch (error) {
    // Too late for the trigger (or Slack refused): the action's own reply says how to do it by command.
    deps.log.warn({ err: error, action: click.actionId, user: click.userId }, 'could not open the form; answering with the command instead');
    await runAction(deps, click, respond);
  }
}

async function runAction(deps: SlackHandlerDeps, click: Click, respond: RespondFn | undefined): Promise<void> {
  const place = click.fromHome
    ? { userId: click.userId, triggerId: click.triggerId }
    : { userId: click.userId, channelId: click.channelId, threadTs: click.threadTs, respond, triggerId: click.triggerId, replaceOriginal: click.onEphemeral };
  let reply: Reply;
  const actor = await deps.actors.resolve(click.userId, click.userName);
  try {
    const origin: Origin = { platform: 'slack', channelId: click.channelId ?? click.userId, threadId: click.threadTs ?? null };
    reply = await handleAction(deps.dispatch, { actor, origin, now: deps.now() }, click.actionId);
  } catch (error) {
    reply = failureReply(deps.log, error, { action: click.actionId, user: click.userId });
  }
  await deps.replies.send(reply, place).catch((error: unknown) => void failureReply(deps.log, error, { action: click.actionId, stage: 'reply' }));
  if (click.actionId.startsWith('gate:') || click.actionId.startsWith('bulk:')) await deps.home.publish(actor);
}
