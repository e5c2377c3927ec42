/**
 * The outbox's side of Discord: post, edit, DM and open threads with a logged-in client. Errors
 * propagate (the outbox retries them); those no retry can fix are marked so (see discord-errors).
 * Channels come from the cache when the gateway delivered them, else one GET.
 */
import { ChannelType, type Client, type SendableChannels } from 'discord.js';
import type { ChatTarget, MessageRef } from '../../src/domain/chat-adapter';
import type { Card } from '../../src/domain/card';
import { DiscordSendError, hasDiscordCode, toSendError } from './discord-errors';
import { cardMessage } from './message-options';
import type { RenderCardOptions } from './render-card';
import { truncateVisible } from './truncate-text';

/** Discord thread names are 1-100 characters (resources/channel.mdx, Start Thread). */
const MAX_THREAD_NAME = 100;
/** "A thread has already been created for this message". */
const THREAD_ALREADY_EXISTS = 160004;

async function sendableChannel(client: Client, channelId: string): Promise<SendableChannels> {
  const channel = await client.channels.fetch(channelId);
  if (!channel || !channel.isSendable()) {
    throw new DiscordSendError(`discord channel ${channelId} is not a channel the bot can post in`, { retryable: false });
  }
  return channel;
}

/** Posts a card to a channel, or into a thread when the target names one. */
export async function postCard(client: Client, target: ChatTarget, card: Card, render: RenderCardOptions): Promise<MessageRef> {
  const where = target.threadId ?? target.channelId;
  try {
    const channel = await sendableChannel(client, where);
    const message = await channel.send(cardMessage(card, render));
    return { platform: 'discord', channelId: target.channelId, messageId: message.id, threadId: target.threadId ?? null };
  } catch (error) {
    throw toSendError(error, `post to ${where}`);
  }
}

/** Edits a posted card in place; a card without actions loses its buttons. */
export async function updateCard(client: Client, ref: MessageRef, card: Card, render: RenderCardOptions): Promise<void> {
  const where = ref.threadId ?? ref.channelId;
  try {
    const channel = await sendableChannel(client, where);
    // Edit by id: no GET of the message first.
    await channel.messages.edit(ref.messageId, cardMessage(card, render));
  } catch (error) {
    throw toSendError(error, `edit ${where}/${ref.messageId}`);
  }
}

/** Sends a card as a direct message. */
export async function dmCard(client: Client, userId: string, card: Card, render: RenderCardOptions): Promise<MessageRef> {
  try {
    const user = await client.users.fetch(userId);
    const channel = await user.createDM();
    const message = await channel.send(cardMessage(card, render));
    return { platform: 'discord', channelId: channel.id, messageId: message.id, threadId: null };
  } catch (error) {
    throw toSendError(error, `DM to ${userId}`);
  }
}

/** Opens a public thread under a message; returns the thread's channel id. */
export async function openThreadUnder(client: Client, ref: MessageRef, name: string): Promise<string | null> {
  try {
    const channel = await client.channels.fetch(ref.channelId);
    if (!channel || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)) return null;
    const thread = await channel.threads.create({ startMessage: ref.messageId, name: truncateVisible(name.trim() || 'Run', MAX_THREAD_NAME) });
    return thread.id;
  } catch (error) {
    // An earlier try opened it and its answer was lost; a message's thread takes the message's id.
    if (hasDiscordCode(error, THREAD_ALREADY_EXISTS)) return ref.messageId;
    throw toSendError(error, `open thread under ${ref.channelId}/${ref.messageId}`);
  }
}
