/**
 * Channel messages and threads: create, edit, list, fetch one; start a thread from a message or
 * without one. Every body is validated against Discord's limits first (400 50035 like Discord).
 */
import { isRecord } from './form-errors';
import type { FakeChannel } from './fake-state';
import { editStoredMessage, rejectInvalidMessage, storeMessage } from './message-store';
import { buildChannel } from './payload-builders';
import { DISCORD_LIMITS } from './discord-limits';
import { FormErrors } from './form-errors';
import { jsonError, ok, route, type Route, type RouteContext, type RouteResult } from './rest-router';

const TEXT_BASED = new Set([0, 1, 5, 10, 11, 12]);

function channelOf(ctx: RouteContext): FakeChannel | RouteResult {
  const channel = ctx.state.channels.get(ctx.params.channelId ?? '');
  if (!channel) return jsonError(404, 10003, 'Unknown Channel');
  if (!TEXT_BASED.has(channel.type)) return jsonError(400, 50008, 'Cannot send messages in a non-text channel');
  return channel;
}

function createMessage(ctx: RouteContext): RouteResult {
  const channel = channelOf(ctx);
  if ('status' in channel) return channel;
  const invalid = rejectInvalidMessage(ctx.body);
  if (invalid) return invalid;
  return ok(storeMessage(ctx.state, ctx.gateway, channel.id, ctx.body as Record<string, unknown>));
}

function editMessage(ctx: RouteContext): RouteResult {
  const channel = channelOf(ctx);
  if ('status' in channel) return channel;
  const message = ctx.state.messages.get(ctx.params.messageId ?? '');
  if (!message || message.channel_id !== channel.id) return jsonError(404, 10008, 'Unknown Message');
  if (message.author.id !== ctx.state.botUser.id) return jsonError(403, 50005, 'Cannot edit a message authored by another user');
  const invalid = rejectInvalidMessage(ctx.body, { isEdit: true });
  if (invalid) return invalid;
  return ok(editStoredMessage(ctx.state, ctx.gateway, message.id, ctx.body as Record<string, unknown>));
}

function listMessages(ctx: RouteContext): RouteResult {
  const channel = channelOf(ctx);
  if ('status' in channel) return channel;
  const limit = Math.min(Number(ctx.query.get('limit') ?? 50), 100);
  // Discord lists newest first.
  return ok(ctx.state.messagesIn(channel.id).reverse().slice(0, limit));
}

function getMessage(ctx: RouteContext): RouteResult {
  const message = ctx.state.messages.get(ctx.params.messageId ?? '');
  const visible = message && ctx.state.channelMessages.get(message.channel_id)?.includes(message.id);
  return visible && message.channel_id === ctx.params.channelId ? ok(message) : jsonError(404, 10008, 'Unknown Message');
}

function startThread(ctx: RouteContext, fromMessage: boolean): RouteResult {
  const parent = channelOf(ctx);
  if ('status' in parent) return parent;
  if (!parent.guildId) return jsonError(400, 50024, 'Cannot execute action on this channel type');
  const body = isRecord(ctx.body) ? ctx.body : {};
  const form = new FormErrors();
  form.text(['name'], body.name, DISCORD_LIMITS.threadName, { min: 1, required: true });
  if (!form.ok) return { status: 400, body: form.toBody() };
  let id = ctx.state.ids.next();
  if (fromMessage) {
    const message = ctx.state.messages.get(ctx.params.messageId ?? '');
    if (!message || message.channel_id !== parent.id) return jsonError(404, 10008, 'Unknown Message');
    // A thread started from a message takes the message's id; there can only be one.
    if (ctx.state.channels.has(message.id)) return jsonError(400, 160004, 'A thread has already been created for this message');
    id = message.id;
  }
  const type = fromMessage ? 11 : ((body.type as number | undefined) ?? 12);
  const thread: FakeChannel = { id, type, name: String(body.name), guildId: parent.guildId, parentId: parent.id, ownerId: ctx.state.botUser.id };
  ctx.state.channels.set(id, thread);
  ctx.state.guilds.get(parent.guildId)?.channelIds.push(id);
  const payload = buildChannel(thread);
  ctx.gateway.dispatch('THREAD_CREATE', { ...payload, newly_created: true }, { intent: 1 });
  ctx.state.changed();
  return ok(payload, 201);
}

export const messageRoutes: Route[] = [
  route('POST', '/channels/:channelId/messages', createMessage),
  route('GET', '/channels/:channelId/messages', listMessages),
  route('GET', '/channels/:channelId/messages/:messageId', getMessage),
  route('PATCH', '/channels/:channelId/messages/:messageId', editMessage),
  route('POST', '/channels/:channelId/messages/:messageId/threads', (ctx) => startThread(ctx, true)),
  route('POST', '/channels/:channelId/threads', (ctx) => startThread(ctx, false)),
];
