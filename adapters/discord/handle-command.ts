/**
 * `/factory <subcommand>`: ack (ephemeral deferral) before anything slow, run the command through
 * commands/ with Discord's already-split options, then show the reply.
 */
import { MessageFlags, type ChatInputCommandInteraction, type CommandInteractionOption } from 'discord.js';
import { runCommand } from '../../commands/dispatch';
import type { HandlerDeps } from './handler-deps';
import { invocationOf } from './interaction-context';
import { sendReply } from './send-reply';

/** Handles `/factory <subcommand>`: defer (ephemeral), run the command, show its reply. */
export async function handleCommand(interaction: ChatInputCommandInteraction, deps: HandlerDeps): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const call = invocationOf(interaction, deps.now());
  const subcommand = interaction.options.getSubcommand();
  const reply = await runCommand(deps.dispatch, call, subcommand, subcommandOptions(interaction.options.data));
  await sendReply(interaction, reply, deps.render(), deps.log);
}

/**
 * The leaf options of `/factory <sub> ...` by name. The command schemas validate them; Discord
 * leaves `options` out of a subcommand typed without any, which is treated like an empty list.
 */
export function subcommandOptions(data: readonly CommandInteractionOption[]): Record<string, unknown> {
  const leaf = data[0]?.options ?? [];
  return Object.fromEntries(leaf.map((option) => [option.name, option.value]));
}
