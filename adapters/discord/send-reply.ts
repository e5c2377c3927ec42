/**
 * Shows a command's Reply to the person, through an interaction already deferred as ephemeral
 * (every handler acks first). Ephemeral replies replace the "thinking…" placeholder; public ones
 * become a follow-up everybody sees, and the placeholder is removed.
 */
import { randomBytes } from 'node:crypto';
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { Reply } from '../../src/domain/card';
import { cardMessage, textMessage } from './message-options';
import type { RenderCardOptions } from './render-card';

/** Delivers a reply to a deferred (ephemeral) interaction. */
export async function sendReply(interaction: RepliableInteraction, reply: Reply, render: RenderCardOptions, log: Logger): Promise<void> {
  if (reply.type === 'modal') {
    // A form can only be the first answer to a click; by now the interaction is deferred.
    await interaction.editReply(textMessage('Open the form from the button on the card.'));
    return;
  }
  const message = reply.type === 'card' ? cardMessage(reply.card, render) : textMessage(reply.text);
  if (reply.ephemeral) {
    await interaction.editReply(message);
    return;
  }
  // A follow-up sent while the deferral still shows "thinking…" would take its place and stay
  // ephemeral (Discord keeps that for backward compatibility), so settle the placeholder first.
  await interaction.editReply(textMessage('Posted in the channel.'));
  await interaction.followUp(message);
  await interaction.deleteReply().catch((err: unknown) => log.warn({ err, interactionId: interaction.id }, 'could not remove the ephemeral placeholder'));
}

/**
 * The error path for anything thrown in the adapter itself (commands/ words its own errors): log
 * it with a short reference and show only that reference, never the message or a stack.
 */
export async function replyWithReference(interaction: RepliableInteraction, error: unknown, log: Logger): Promise<string> {
  const ref = randomBytes(4).toString('hex');
  log.error({ err: error, ref, interactionId: interaction.id, user: interaction.user.id }, 'discord interaction failed');
  const text = `Something went wrong (ref ${ref}). It has been logged; try again, or tell an admin the ref.`;
  try {
    if (interaction.deferred || interaction.replied) await interaction.editReply(textMessage(text));
    else await interaction.reply({ ...textMessage(text), flags: MessageFlags.Ephemeral });
  } catch (err) {
    // The interaction expired (3 s / 15 min) or Discord is down: the log is all that is left.
    log.warn({ err, ref }, 'could not tell the person about the failure');
  }
  return ref;
}
