import type { App, ViewOutput } from '@slack/bolt';
import { handleModalSubmit, modalForAction, validateModal } from '../../commands/actions';
import type { Reply } from '../../src/domain/card';
import type { Origin } from '../../src/runner/factory-service';
import { failureReply, type SlackHandlerDeps } from './handler-deps';
import { decodeModalContext } from './modal-context';

/**
 * Form submissions (view_submission). A reason that is empty or too short is refused in the form
 * itself (`response_action: 'errors'` keyed by the input's block_id), so the person fixes it
 * without losing what they typed; validateModal is pure, so this answer is within Slack's 3 s.
 * A valid form is acked (Slack closes it), then decided, and the outcome goes to the person alone:
 * ephemeral in the channel the form came from, or a DM.
 */
export function registerViewSubmissions(app: App, deps: SlackHandlerDeps): void {
  app.view({ type: 'view_submission' }, async ({ ack, view, body, context }) => {
    // Only forms this bot opened (reject/answer) are handled; their callback_id is the gate action.
    if (!modalForAction(view.callback_id)) {
      await ack();
      return;
    }
    const values = readValues(view);
    const errors = validateModal(values);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    if (deps.deliveries.check(body, context.retryNum) === 'repeat') return;
    await deps.inflight.track(() => submitForm(deps, view, body.user, values));
  });
}

/** `{ field id: text }`: renderModal gives each input block_id = action_id = the field id. */
export function readValues(view: Pick<ViewOutput, 'state'>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    const state = actions[blockId] ?? Object.values(actions)[0];
    values[blockId] = typeof state?.value === 'string' ? state.value : '';
  }
  return values;
}

async function submitForm(deps: SlackHandlerDeps, view: ViewOutput, user: { id: string; name?: string }, values: Record<string, string>): Promise<void> {
  const where = decodeModalContext(view.private_metadata);
  const actor = await deps.actors.resolve(user.id, user.name);
  let reply: Reply;
  try {
    const origin: Origin = { platform: 'slack', channelId: where.channelId ?? user.id, threadId: where.threadTs ?? null };
    reply = await handleModalSubmit(deps.dispatch, { actor, origin, now: deps.now() }, view.callback_id, values);
  } catch (error) {
    reply = failureReply(deps.log, error, { form: view.callback_id, user: user.id });
  }
  const place = { userId: user.id, channelId: where.channelId, threadTs: where.threadTs };
  await deps.replies.send(reply, place).catch((error: unknown) => void failureReply(deps.log, error, { form: view.callback_id, stage: 'reply' }));
  await deps.home.publish(actor);
}
