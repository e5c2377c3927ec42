/**
 * Autocomplete for run, gate, block and template options. Discord drops an answer later than 3 s,
 * so a slow lookup gives an empty list rather than nothing; any error does the same.
 */
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import type { HandlerDeps } from './handler-deps';
import { truncateVisible } from './truncate-text';

/** Discord: at most 25 choices; name and string value 1-100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_TEXT = 100;
/** Leaves room for the respond call itself within Discord's 3 s. */
const LOOKUP_BUDGET_MS = 2_000;

/** Answers an autocomplete request with up to 25 suggestions from the service, or none. */
export async function handleAutocomplete(interaction: AutocompleteInteraction, deps: HandlerDeps): Promise<void> {
  let choices: ApplicationCommandOptionChoiceData<string>[] = [];
  try {
    choices = await suggestChoices(interaction, deps);
  } catch (err) {
    deps.log.warn({ err, interactionId: interaction.id }, 'autocomplete lookup failed; answering with no suggestions');
  }
  await interaction.respond(choices);
}

async function suggestChoices(interaction: AutocompleteInteraction, deps: HandlerDeps): Promise<ApplicationCommandOptionChoiceData<string>[]> {
  const focused = interaction.options.getFocused(true);
  const subcommand = interaction.options.getSubcommand(false);
  const spec = deps.dispatch.commands.find((c) => c.name === subcommand)?.options.find((o) => o.name === focused.name);
  if (!spec?.autocomplete) return [];
  const runId = spec.autocomplete === 'block' ? (interaction.options.getString('run') ?? undefined) : undefined;
  const suggestions = await withBudget(deps.dispatch.service.suggest(spec.autocomplete, String(focused.value ?? ''), runId ? { runId } : {}), LOOKUP_BUDGET_MS);
  return suggestions
    .filter((s) => s.value.length > 0 && s.value.length <= MAX_CHOICE_TEXT)
    .slice(0, MAX_CHOICES)
    .map((s) => ({ name: truncateVisible(s.label.trim() || s.value, MAX_CHOICE_TEXT), value: s.value }));
}

async function withBudget<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`autocomplete lookup took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
