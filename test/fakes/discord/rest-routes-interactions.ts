/**
 * POST /interactions/:id/:token/callback — the initial response. One per interaction, within the
 * deadline (3 s on Discord), of a type valid for the interaction: 1 PONG (PING only), 4 message,
 * 5 deferred message, 6/7 deferred update/update (components only), 8 autocomplete result,
 * 9 modal (not for modal submits). Called without the bot token, like Discord.
 */
import type { APIMessage } from 'discord.js';
import { MESSAGE_FLAGS, DISCORD_LIMITS } from './discord-limits';
import { FormErrors, isRecord } from './form-errors';
import type { InteractionRecord } from './fake-state';
import { editStoredMessage, rejectInvalidMessage, storeMessage } from './message-store';
import { jsonError, noContent, ok, route, type Route, type RouteContext, type RouteResult } from './rest-router';
import { validateModalData } from './validate-modal';

const PING = 1;
const COMPONENT = 3;
const AUTOCOMPLETE = 4;
const MODAL_SUBMIT = 5;

function invalidType(type: unknown): RouteResult {
  const form = new FormErrors();
  form.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${String(type)} is not valid for this interaction`);
  return { status: 400, body: form.toBody() };
}

function respond(ctx: RouteContext, record: InteractionRecord, type: number, data: Record<string, unknown>): RouteResult | undefined {
  const { state, gateway } = ctx;
  const fromComponent = record.sourceMessageId !== undefined && (record.type === COMPONENT || record.type === MODAL_SUBMIT);
  // Built from the dispatched payload, so typed loosely; the shape follows APIMessageInteractionMetadata.
  const metadata = { interaction_metadata: interactionMetadata(record), webhook_id: state.applicationId, application_id: state.applicationId } as unknown as Partial<APIMessage>;
  switch (type) {
    case 1:
      return record.type === PING ? undefined : invalidType(type);
    case 4:
    case 5: {
      if (record.type === PING || record.type === AUTOCOMPLETE) return invalidType(type);
      if (type === 4) {
        const invalid = rejectInvalidMessage(data);
        if (invalid) return invalid;
      }
      const flags = typeof data.flags === 'number' ? data.flags : 0;
      const ephemeral = (flags & MESSAGE_FLAGS.ephemeral) !== 0;
      const body = type === 4 ? data : { flags: (flags & MESSAGE_FLAGS.ephemeral) | MESSAGE_FLAGS.loading };
      record.originalMessageId = storeMessage(state, gateway, record.channelId, body, { visible: !ephemeral, extra: metadata }).id;
      return undefined;
    }
    case 6:
    case 7: {
      if (!fromComponent) return invalidType(type);
      if (type === 7) {
        const invalid = rejectInvalidMessage(data, { isEdit: true });
        if (invalid) return invalid;
        editStoredMessage(state, gateway, record.sourceMessageId!, data);
      }
      record.originalMessageId = record.sourceMessageId;
      return undefined;
    }
    case 8: {
      if (record.type !== AUTOCOMPLETE) return invalidType(type);
      const form = new FormErrors();
      form.list(['data', 'choices'], data.choices, DISCORD_LIMITS.autocompleteChoices);
      return form.ok ? undefined : { status: 400, body: form.toBody() };
    }
    case 9: {
      if (record.type === PING || record.type === MODAL_SUBMIT || record.type === AUTOCOMPLETE) return invalidType(type);
      const form = validateModalData(data);
      return form.ok ? undefined : { status: 400, body: { ...form.toBody(), errors: { data: form.toBody().errors } } };
    }
    default:
      return invalidType(type);
  }
}

/** `message.interaction_metadata` of a response (discord.js reads authorizing_integration_owners). */
function interactionMetadata(record: InteractionRecord): Record<string, unknown> {
  const { payload } = record;
  const user = payload.member ? (payload.member as { user: unknown }).user : payload.user;
  return {
    id: record.id,
    type: record.type,
    user,
    authorizing_integration_owners: payload.authorizing_integration_owners,
    ...(record.sourceMessageId ? { interacted_message_id: record.sourceMessageId } : {}),
  };
}

function callback(ctx: RouteContext): RouteResult {
  const { state, params, options } = ctx;
  const record = state.interactions.get(params.interactionId ?? '');
  if (!record || record.token !== params.token) return jsonError(404, 10062, 'Unknown interaction');
  if (record.callback) return jsonError(400, 40060, 'Interaction has already been acknowledged.');
  if (state.now() - record.createdAt > options.interactionDeadlineMs) return jsonError(404, 10062, 'Unknown interaction');
  const body = isRecord(ctx.body) ? ctx.body : {};
  const type = body.type;
  const data = isRecord(body.data) ? body.data : {};
  if (typeof type !== 'number') return invalidType(type);
  const rejected = respond(ctx, record, type, data);
  if (rejected) return rejected;
  record.callback = { type, data: body.data };
  state.changed();
  if (ctx.query.get('with_response') !== 'true') return noContent();
  const message = record.originalMessageId ? state.messages.get(record.originalMessageId) : undefined;
  return ok({
    interaction: {
      id: record.id,
      type: record.type,
      response_message_id: message?.id,
      response_message_loading: type === 5,
      response_message_ephemeral: message ? ((message.flags ?? 0) & MESSAGE_FLAGS.ephemeral) !== 0 : undefined,
    },
    resource: { type, ...(message && (type === 4 || type === 7) ? { message } : {}) },
  });
}

export const interactionCallbackRoutes: Route[] = [route('POST', '/interactions/:interactionId/:token/callback', callback, { auth: false })];
