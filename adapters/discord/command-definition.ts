/**
 * The one `/factory` chat-input command, built from the command registry: one subcommand per
 * definition, options typed and ordered the way Discord requires. Pure (no client, no I/O), so
 * a unit test can hold every definition to Discord's limits before anything is registered.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { AnyCommand, OptionSpec } from '../../commands/types';
import { truncateVisible } from './truncate-text';

/** The top-level command name (`/factory <subcommand>`). */
export const FACTORY_COMMAND_NAME = 'factory';
export const FACTORY_COMMAND_DESCRIPTION = 'Run and steer human-gated pipelines';

/** Discord: names and descriptions of commands, options and choices. DDOCS application-commands.mdx:18-33, :118-124. */
export const MAX_COMMAND_NAME = 32;
export const MAX_COMMAND_DESCRIPTION = 100;
export const MAX_COMMAND_OPTIONS = 25;
export const MAX_COMMAND_CHOICES = 25;
export const MAX_CHOICE_TEXT = 100;
/** Combined name, description and choice text of a command with all its options. application-commands.mdx:450. */
export const MAX_COMMAND_TOTAL = 8000;
/** application-commands.mdx:18 (the `u` flag is required). */
export const COMMAND_NAME_REGEX = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** A string option's max_length, 1-6000. application-commands.mdx (Application Command Option Structure). */
const MAX_STRING_OPTION_LENGTH = 6000;

export type FactoryCommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;
type SubcommandJson = NonNullable<FactoryCommandJson['options']>[number];

const OPTION_TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

/** Builds the `/factory` command JSON for bulk overwrite (PUT /applications/:id/commands). */
export function buildFactoryCommand(commands: readonly AnyCommand[]): FactoryCommandJson {
  return {
    type: ApplicationCommandType.ChatInput,
    name: FACTORY_COMMAND_NAME,
    description: FACTORY_COMMAND_DESCRIPTION,
    options: commands.map(subcommandOf),
  };
}

function subcommandOf(command: AnyCommand): SubcommandJson {
  // Discord refuses a required option after an optional one; the registry order is kept otherwise.
  const options = [...command.options.filter((o) => o.required), ...command.options.filter((o) => !o.required)];
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    description: describe(command.description),
    ...(options.length > 0 ? { options: options.map(optionOf) } : {}),
  } as SubcommandJson;
}

function optionOf(spec: OptionSpec): Record<string, unknown> {
  const option: Record<string, unknown> = { type: OPTION_TYPES[spec.type], name: spec.name, description: describe(spec.description), required: spec.required };
  if (spec.choices && spec.choices.length > 0) {
    option.choices = spec.choices.map((choice) => ({ name: truncateVisible(choice, MAX_CHOICE_TEXT), value: choice }));
  } else if (spec.autocomplete) {
    // Discord refuses autocomplete together with choices; fixed choices win.
    option.autocomplete = true;
  }
  if (spec.type === 'string' && spec.maxLength !== undefined) option.max_length = Math.min(Math.max(1, spec.maxLength), MAX_STRING_OPTION_LENGTH);
  return option;
}

function describe(text: string): string {
  return truncateVisible(text.trim() || 'No description', MAX_COMMAND_DESCRIPTION);
}

/** Discord's combined size of a command: names, descriptions and choice names and values, all levels. */
export function commandSize(node: { name?: unknown; description?: unknown; options?: unknown; choices?: unknown }): number {
  const len = (v: unknown) => (typeof v === 'string' ? v.length : typeof v === 'number' ? String(v).length : 0);
  let size = len(node.name) + len(node.description);
  for (const choice of Array.isArray(node.choices) ? (node.choices as Array<{ name?: unknown; value?: unknown }>) : []) size += len(choice.name) + len(choice.value);
  for (const option of Array.isArray(node.options) ? (node.options as Array<Record<string, unknown>>) : []) size += commandSize(option);
  return size;
}
