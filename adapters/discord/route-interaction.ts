/**
 * The one entry for every interaction: picks the handler by kind and is the adapter's error path.
 * Commands word their own refusals and failures (dispatch's guard); anything thrown past them, in
 * this adapter or by Discord, is logged and shown as a short reference, never as a stack.
 */
import type { Interaction } from 'discord.js';
import { FACTORY_COMMAND_NAME } from './command-definition';
import { handleAutocomplete } from './handle-autocomplete';
import { handleButton } from './handle-button';
import { handleCommand } from './handle-command';
import { handleModal } from './handle-modal';
import type { HandlerDeps } from './handler-deps';
import { replyWithReference } from './send-reply';

/** Routes one interaction to its handler; never throws (failures are logged and shown by reference). */
export async function routeInteraction(interaction: Interaction, deps: HandlerDeps): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) {
      if (interaction.commandName === FACTORY_COMMAND_NAME) await handleCommand(interaction, deps);
    } else if (interaction.isAutocomplete()) {
      if (interaction.commandName === FACTORY_COMMAND_NAME) await handleAutocomplete(interaction, deps);
    } else if (interaction.isButton()) {
      await handleButton(interaction, deps);
    } else if (interaction.isModalSubmit()) {
      await handleModal(interaction, deps);
    }
  } catch (error) {
    if (interaction.isRepliable()) await replyWithReference(interaction, error, deps.log);
    else deps.log.error({ err: error, interactionId: interaction.id }, 'discord autocomplete failed');
  }
}
