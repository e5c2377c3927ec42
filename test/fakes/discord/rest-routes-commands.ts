/**
 * Application commands, global and per guild: PUT (bulk overwrite), GET (list), POST (create or
 * replace by name). Bodies are validated like Discord does before anything is stored.
 */
import type { APIApplicationCommand } from 'discord.js';
import { FormErrors, isRecord } from './form-errors';
import type { FakeState } from './fake-state';
import { jsonError, ok, route, type Route, type RouteContext, type RouteResult } from './rest-router';
import { validateCommand, validateCommandList } from './validate-commands';

function scope(ctx: RouteContext): { list: APIApplicationCommand[]; guildId?: string } | RouteResult {
  const { state, params } = ctx;
  if (params.applicationId !== state.applicationId) return jsonError(403, 50001, 'Missing Access');
  if (params.guildId === undefined) return { list: state.globalCommands };
  if (!state.guilds.has(params.guildId)) return jsonError(403, 50001, 'Missing Access');
  let list = state.guildCommands.get(params.guildId);
  if (!list) state.guildCommands.set(params.guildId, (list = []));
  return { list, guildId: params.guildId };
}

function stored(state: FakeState, body: Record<string, unknown>, guildId: string | undefined, id: string): APIApplicationCommand {
  return {
    id,
    application_id: state.applicationId,
    version: state.ids.next(),
    type: 1,
    description: '',
    default_member_permissions: null,
    nsfw: false,
    ...(guildId ? { guild_id: guildId } : {}),
    ...structuredClone(body),
  } as APIApplicationCommand;
}

function bulkOverwrite(ctx: RouteContext): RouteResult {
  const target = scope(ctx);
  if ('status' in target) return target;
  const form = validateCommandList(ctx.body);
  if (!form.ok || !Array.isArray(ctx.body)) return { status: 400, body: form.toBody() };
  // Commands keep their id across overwrites when the name (and type) stays the same.
  const next = (ctx.body as Array<Record<string, unknown>>).map((body) => {
    const previous = target.list.find((c) => c.name === body.name && c.type === ((body.type as number | undefined) ?? 1));
    return stored(ctx.state, body, target.guildId, previous?.id ?? ctx.state.ids.next());
  });
  target.list.splice(0, target.list.length, ...next);
  ctx.state.changed();
  return ok(next);
}

function createOne(ctx: RouteContext): RouteResult {
  const target = scope(ctx);
  if ('status' in target) return target;
  const form = new FormErrors();
  validateCommand(form, [], ctx.body);
  if (!form.ok || !isRecord(ctx.body)) return { status: 400, body: form.toBody() };
  const body = ctx.body;
  const index = target.list.findIndex((c) => c.name === body.name);
  const command = stored(ctx.state, body, target.guildId, index >= 0 ? target.list[index]!.id : ctx.state.ids.next());
  if (index >= 0) target.list[index] = command;
  else target.list.push(command);
  ctx.state.changed();
  return ok(command, index >= 0 ? 200 : 201);
}

function list(ctx: RouteContext): RouteResult {
  const target = scope(ctx);
  return 'status' in target ? target : ok(target.list);
}

export const commandRoutes: Route[] = [
  route('PUT', '/applications/:applicationId/commands', bulkOverwrite),
  route('GET', '/applications/:applicationId/commands', list),
  route('POST', '/applications/:applicationId/commands', createOne),
  route('PUT', '/applications/:applicationId/guilds/:guildId/commands', bulkOverwrite),
  route('GET', '/applications/:applicationId/guilds/:guildId/commands', list),
  route('POST', '/applications/:applicationId/guilds/:guildId/commands', createOne),
];
