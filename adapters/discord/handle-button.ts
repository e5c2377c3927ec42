/**
 * A button click. Reject and Answer open their form straight away (the form is decided from the
 * button id alone, with no database work, because Discord only accepts it as the first answer
 * within 3 s); every other click is deferred (ephemeral) and then handled by commands/.
 */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { handleAction, modalForAction } from '../../commands/actions';
import type { HandlerDeps } from './handler-deps';
import { invocationOf } from './interaction-context';
import { renderModal } from './render-modal';
import { sendReply } from './send-reply';

/** Handles a click on a card button: the form at once for Reject and Answer, else defer and act. */
export async function handleButton(interaction: ButtonInteraction, deps: HandlerDeps): Promise<void> {
  const modal = modalForAction(interaction.customId);
  if (modal) {
    await interaction.showModal(renderModal(modal));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await handleAction(deps.dispatch, invocationOf(interaction, deps.now()), interaction.customId);
  await sendReply(interaction, reply, deps.render(), deps.log);
}
