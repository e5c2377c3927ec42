/** A submitted form (a rejection's reason, an answer): ack, then hand the field values to commands/. */
import { ComponentType, MessageFlags, type ModalSubmitInteraction } from 'discord.js';
import { handleModalSubmit } from '../../commands/actions';
import type { HandlerDeps } from './handler-deps';
import { invocationOf } from './interaction-context';
import { sendReply } from './send-reply';

/** Handles a submitted form: defer (ephemeral), decide through commands/, show the outcome. */
export async function handleModal(interaction: ModalSubmitInteraction, deps: HandlerDeps): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const call = invocationOf(interaction, deps.now());
  const reply = await handleModalSubmit(deps.dispatch, call, interaction.customId, textInputValues(interaction));
  await sendReply(interaction, reply, deps.render(), deps.log);
}

/** Text input values by custom id, from the current (label) and legacy (action row) shapes alike. */
export function textInputValues(interaction: ModalSubmitInteraction): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [id, field] of interaction.fields.fields) {
    if (field.type === ComponentType.TextInput) values[id] = field.value;
  }
  return values;
}
