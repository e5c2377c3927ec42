/**
 * Registers the `/factory` command only when what Discord holds differs from what the registry
 * builds: one GET, and a PUT (bulk overwrite) only on a difference. Re-registering on every boot
 * would count against Discord's daily command-create limit and briefly reset the command for users.
 */
import { Routes, type REST } from 'discord.js';
import { FACTORY_COMMAND_NAME, type FactoryCommandJson } from './command-definition';

/** Where commands live: one guild (instant, for a team server) or global (every server). */
export interface CommandScope {
  applicationId: string;
  guildId?: string;
}

export type SyncOutcome = { changed: false; scope: 'guild' | 'global' } | { changed: true; scope: 'guild' | 'global'; reason: string };

/**
 * Compares the registered commands with `wanted` and overwrites them when they differ. Other
 * commands of the application in that scope are kept (the PUT sends them back unchanged).
 */
export async function syncCommands(rest: REST, scope: CommandScope, wanted: FactoryCommandJson): Promise<SyncOutcome> {
  const route = scope.guildId ? Routes.applicationGuildCommands(scope.applicationId, scope.guildId) : Routes.applicationCommands(scope.applicationId);
  const where = scope.guildId ? 'guild' : 'global';
  const current = (await rest.get(route)) as Array<Record<string, unknown>>;
  const registered = current.find((c) => c.name === FACTORY_COMMAND_NAME && (c.type ?? 1) === 1);
  const reason = !registered ? 'not registered yet' : sameCommand(registered, wanted as unknown as Record<string, unknown>) ? null : 'definition changed';
  if (reason === null) return { changed: false, scope: where };
  const others = current.filter((c) => c !== registered).map(keepAsRegistered);
  await rest.put(route, { body: [...others, wanted] });
  return { changed: true, scope: where, reason };
}

/** True when two commands say the same to users; fields Discord adds (ids, versions, defaults) are ignored. */
export function sameCommand(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(node: Record<string, unknown>): unknown {
  const options = Array.isArray(node.options) ? (node.options as Array<Record<string, unknown>>) : [];
  const choices = Array.isArray(node.choices) ? (node.choices as Array<Record<string, unknown>>) : [];
  // Discord omits false and empty values in what it returns; treat missing and default alike.
  return {
    type: node.type ?? 1,
    name: node.name,
    description: node.description ?? '',
    required: node.required === true,
    autocomplete: node.autocomplete === true,
    max_length: node.max_length ?? null,
    min_length: node.min_length ?? null,
    choices: choices.map((c) => ({ name: c.name, value: c.value })),
    options: options.map(normalize),
  };
}

/** Another command's definition, stripped of what Discord generated, so a PUT keeps it as it is. */
function keepAsRegistered(command: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, application_id: _app, version: _version, guild_id: _guild, ...definition } = command;
  return definition;
}
