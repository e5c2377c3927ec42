/**
 * Interaction webhooks: follow-ups (POST /webhooks/:app/:token) and reading, editing and deleting
 * the original response (`@original`) or a follow-up (`/messages/:id`). Valid for 15 minutes after
 * the interaction and only once it has been acknowledged; no bot token, like Discord.
 */
import { MESSAGE_FLAGS } from './discord-limits';
import { isRecord } from './form-errors';
import type { InteractionRecord } from './fake-state';
import { editStoredMessage, rejectInvalidMessage, storeMessage } from './message-store';
import { jsonError, noContent, ok, route, type Route, type RouteContext, type RouteResult } from './rest-router';

const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

function interactionOf(ctx: RouteContext): InteractionRecord | RouteResult {
  const { state, params } = ctx;
  const record = state.findInteractionByToken(params.token ?? '');
  if (!record || params.applicationId !== state.applicationId || !record.callback) return jsonError(404, 10015, 'Unknown Webhook');
  if (state.now() - record.createdAt > TOKEN_LIFETIME_MS) return jsonError(401, 50027, 'Invalid Webhook Token');
  return record;
}

function messageIdOf(ctx: RouteContext, record: InteractionRecord): string | RouteResult {
  const wanted = ctx.params.messageId;
  const id = wanted === '@original' ? record.originalMessageId : record.followUpIds.find((f) => f === wanted);
  return id ?? jsonError(404, 10008, 'Unknown Message');
}

function followUp(ctx: RouteContext): RouteResult {
  const record = interactionOf(ctx);
  if ('status' in record) return record;
  const invalid = rejectInvalidMessage(ctx.body);
  if (invalid) return invalid;
  const body = ctx.body as Record<string, unknown>;
  const ephemeral = ((typeof body.flags === 'number' ? body.flags : 0) & MESSAGE_FLAGS.ephemeral) !== 0;
  const message = storeMessage(ctx.state, ctx.gateway, record.channelId, body, { visible: !ephemeral, extra: { webhook_id: ctx.state.applicationId, application_id: ctx.state.applicationId } });
  record.followUpIds.push(message.id);
  ctx.state.changed();
  return ctx.query.get('wait') === 'false' ? noContent() : ok(message);
}

function editWebhookMessage(ctx: RouteContext): RouteResult {
  const record = interactionOf(ctx);
  if ('status' in record) return record;
  const id = messageIdOf(ctx, record);
  if (typeof id !== 'string') return id;
  const invalid = rejectInvalidMessage(ctx.body, { isEdit: true });
  if (invalid) return invalid;
  const body = isRecord(ctx.body) ? { ...ctx.body } : {};
  const current = ctx.state.messages.get(id);
  // Editing a deferred response replaces "thinking…"; ephemerality never changes after creation.
  const flags = (current?.flags ?? 0) & ~MESSAGE_FLAGS.loading;
  body.flags = typeof body.flags === 'number' ? (body.flags & ~MESSAGE_FLAGS.ephemeral) | (flags & MESSAGE_FLAGS.ephemeral) : flags;
  const edited = editStoredMessage(ctx.state, ctx.gateway, id, body);
  if (ctx.params.messageId === '@original') record.originalEdits.push(ctx.body);
  ctx.state.changed();
  return edited ? ok(edited) : jsonError(404, 10008, 'Unknown Message');
}

function getWebhookMessage(ctx: RouteContext): RouteResult {
  const record = interactionOf(ctx);
  if ('status' in record) return record;
  const id = messageIdOf(ctx, record);
  if (typeof id !== 'string') return id;
  const message = ctx.state.messages.get(id);
  return message ? ok(message) : jsonError(404, 10008, 'Unknown Message');
}

function deleteWebhookMessage(ctx: RouteContext): RouteResult {
  const record = interactionOf(ctx);
  if ('status' in record) return record;
  const id = messageIdOf(ctx, record);
  if (typeof id !== 'string') return id;
  const message = ctx.state.messages.get(id);
  if (message) {
    const order = ctx.state.channelMessages.get(message.channel_id) ?? [];
    ctx.state.channelMessages.set(message.channel_id, order.filter((m) => m !== id));
    ctx.state.messages.delete(id);
  }
  ctx.state.changed();
  return noContent();
}

export const webhookRoutes: Route[] = [
  route('POST', '/webhooks/:applicationId/:token', followUp, { auth: false }),
  route('GET', '/webhooks/:applicationId/:token/messages/:messageId', getWebhookMessage, { auth: false }),
  route('PATCH', '/webhooks/:applicationId/:token/messages/:messageId', editWebhookMessage, { auth: false }),
  route('DELETE', '/webhooks/:applicationId/:token/messages/:messageId', deleteWebhookMessage, { auth: false }),
];
