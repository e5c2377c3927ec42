/**
 * Builds `data` for slash-command and autocomplete interactions. When the command is registered
 * (guild first, then global) its id and option types come from the definition and unknown names
 * throw, as Discord would never send them; unregistered commands infer types from JS values.
 */
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord.js';
import type { FakeState } from './fake-state';

export type OptionValue = string | number | boolean;

export interface CommandInput {
  /** Top-level command name, e.g. "factory". */
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** Option values by name (at the leaf: the subcommand's options). */
  options?: Record<string, OptionValue>;
}

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const USER = 6;
const CHANNEL = 7;
const ROLE = 8;
const NUMBER = 10;

type OptionDef = Pick<APIApplicationCommandOption, 'name' | 'type'> & { options?: OptionDef[] };

/** Builds `data` (and `resolved` for user/role/channel options); `focused` marks the autocomplete option. */
export function buildCommandData(state: FakeState, guildId: string | undefined, input: CommandInput, focused?: string): Record<string, unknown> {
  const registered = findCommand(state, guildId, input.name);
  let defs: OptionDef[] | undefined = registered ? ((registered.options ?? []) as OptionDef[]) : undefined;
  const nest = (name: string, type: 1 | 2): OptionDef[] | undefined => {
    if (!defs) return undefined;
    const def = defs.find((d) => d.name === name && d.type === type);
    if (!def) throw new Error(`fake-discord: /${input.name} has no ${type === 1 ? 'subcommand' : 'group'} "${name}"`);
    return def.options ?? [];
  };
  if (input.subcommandGroup) defs = nest(input.subcommandGroup, 2);
  if (input.subcommand) defs = nest(input.subcommand, 1);
  const resolved: Record<string, Record<string, unknown>> = {};
  const leaf = Object.entries(input.options ?? {}).map(([name, value]) => {
    const type = defs ? defs.find((d) => d.name === name)?.type : inferType(value);
    if (type === undefined) throw new Error(`fake-discord: /${input.name} has no option "${name}"`);
    addResolved(state, guildId, resolved, type, value);
    return { name, type, value, ...(focused === name ? { focused: true } : {}) };
  });
  let options: unknown[] = leaf;
  if (input.subcommand) options = [{ name: input.subcommand, type: 1, options }];
  if (input.subcommandGroup) options = [{ name: input.subcommandGroup, type: 2, options }];
  return {
    id: registered?.id ?? state.ids.next(),
    name: input.name,
    type: 1,
    options,
    ...(guildId && registered?.guild_id ? { guild_id: guildId } : {}),
    ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
  };
}

function findCommand(state: FakeState, guildId: string | undefined, name: string): APIApplicationCommand | undefined {
  const inGuild = guildId ? state.commandsFor(guildId).find((c) => c.name === name) : undefined;
  return inGuild ?? state.globalCommands.find((c) => c.name === name);
}

function inferType(value: OptionValue): number {
  if (typeof value === 'boolean') return BOOLEAN;
  if (typeof value === 'number') return Number.isInteger(value) ? INTEGER : NUMBER;
  return STRING;
}

/** discord.js resolves user/role/channel options only from `data.resolved`. */
function addResolved(state: FakeState, guildId: string | undefined, resolved: Record<string, Record<string, unknown>>, type: number, value: OptionValue): void {
  const id = String(value);
  if (type === USER && state.users.has(id)) (resolved.users ??= {})[id] = state.users.get(id);
  if (type === ROLE) {
    const role = guildId ? state.guilds.get(guildId)?.roles.find((r) => r.id === id) : undefined;
    if (role) (resolved.roles ??= {})[id] = role;
  }
  if (type === CHANNEL) {
    const channel = state.channels.get(id);
    if (channel) (resolved.channels ??= {})[id] = { id, type: channel.type, name: channel.name, permissions: '0' };
  }
}
