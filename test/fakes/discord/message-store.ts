/**
 * Creating and editing messages, shared by the channel routes and the interaction routes: keeps
 * channel order, edit history, and dispatches MESSAGE_CREATE / MESSAGE_UPDATE to sessions whose
 * intents ask for them (the bot's Guilds-only client gets none, as on Discord).
 */
import type { APIMessage } from 'discord.js';
import type { FakeGateway } from './gateway';
import type { FakeState } from './fake-state';
import { applyMessageEdit, buildMessage } from './payload-builders';
import type { RouteResult } from './rest-router';
import { validateMessageBody } from './validate-message';

const INTENT_GUILD_MESSAGES = 1 << 9;
const INTENT_DIRECT_MESSAGES = 1 << 12;

/** The 400 Discord would answer for this body, or undefined when it is valid. */
export function rejectInvalidMessage(body: unknown, opts: { isEdit?: boolean } = {}): RouteResult | undefined {
  const { form, jsonError } = validateMessageBody(body, opts);
  if (!form.ok) return { status: 400, body: form.toBody() };
  if (jsonError) return { status: 400, body: jsonError };
  return undefined;
}

/** Stores a message; `visible: false` keeps ephemeral replies out of the channel listing. */
export function storeMessage(
  state: FakeState,
  gateway: FakeGateway,
  channelId: string,
  body: Record<string, unknown>,
  opts: { visible?: boolean; extra?: Partial<APIMessage> } = {},
): APIMessage {
  const message = buildMessage(state, channelId, body, opts.extra);
  state.messages.set(message.id, message);
  if (opts.visible ?? true) {
    const order = state.channelMessages.get(channelId) ?? [];
    order.push(message.id);
    state.channelMessages.set(channelId, order);
    dispatchMessageEvent(state, gateway, 'MESSAGE_CREATE', message);
  }
  state.changed();
  return message;
}

/** Applies an edit, remembering the previous version. */
export function editStoredMessage(state: FakeState, gateway: FakeGateway, messageId: string, body: Record<string, unknown>): APIMessage | undefined {
  const current = state.messages.get(messageId);
  if (!current) return undefined;
  const history = state.messageHistory.get(messageId) ?? [];
  history.push(current);
  state.messageHistory.set(messageId, history);
  const next = applyMessageEdit(current, body, state.now());
  state.messages.set(messageId, next);
  if (state.channelMessages.get(next.channel_id)?.includes(messageId)) dispatchMessageEvent(state, gateway, 'MESSAGE_UPDATE', next);
  state.changed();
  return next;
}

function dispatchMessageEvent(state: FakeState, gateway: FakeGateway, event: string, message: APIMessage): void {
  const channel = state.channels.get(message.channel_id);
  const guildId = channel?.guildId;
  const intent = guildId ? INTENT_GUILD_MESSAGES : INTENT_DIRECT_MESSAGES;
  gateway.dispatch(event, guildId ? { ...message, guild_id: guildId } : message, { intent });
}
