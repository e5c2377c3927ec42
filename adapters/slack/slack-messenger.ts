import type { webApi } from '@slack/bolt';
import type { Card } from '../../src/domain/card';
import type { ChatTarget, MessageRef } from '../../src/domain/chat-adapter';
import { toDeliveryError } from './delivery-error';
import { renderCard, type SlackMessage } from './render-card';
import { TtlCache } from './ttl-cache';

/** A DM channel id stays valid as long as the workspace exists; a day keeps the cache honest. */
const DM_CHANNEL_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The outbound half of the ChatAdapter port on the Web API: post, edit, DM, and the run thread.
 * Slack threads are replies carrying `thread_ts` = the parent message's ts, so opening a run's
 * thread needs no call at all: the thread id IS the status message's ts. Failures are thrown as
 * ChatDeliveryError, retryable or not, for the outbox to schedule.
 */
export class SlackMessenger {
  private readonly dmChannels: TtlCache<string, string>;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly publicBaseUrl: string | undefined,
    now: () => Date,
  ) {
    this.dmChannels = new TtlCache(DM_CHANNEL_TTL_MS, now);
  }

  render(card: Card): SlackMessage {
    return renderCard(card, { publicBaseUrl: this.publicBaseUrl });
  }

  async post(target: ChatTarget, card: Card): Promise<MessageRef> {
    try {
      return await this.postMessage(target.channelId, target.threadId ?? undefined, this.render(card));
    } catch (error) {
      throw toDeliveryError(error, `chat.postMessage to ${target.channelId}`);
    }
  }

  async update(ref: MessageRef, card: Card): Promise<void> {
    try {
      await this.client.chat.update({ channel: ref.channelId, ts: ref.messageId, ...this.render(card) });
    } catch (error) {
      throw toDeliveryError(error, `chat.update of ${ref.channelId}/${ref.messageId}`);
    }
  }

  async dm(userId: string, card: Card): Promise<MessageRef> {
    try {
      return await this.postMessage(await this.dmChannel(userId), undefined, this.render(card));
    } catch (error) {
      throw toDeliveryError(error, `DM to ${userId}`);
    }
  }

  /** The thread of a run is the thread under its status message (or the thread that message is in). */
  openThread(ref: MessageRef): string {
    return ref.threadId ?? ref.messageId;
  }

  /** Posts already-rendered content; errors are Slack's own (callers decide how to report them). */
  async postMessage(channel: string, threadTs: string | undefined, message: { text: string; blocks?: SlackMessage['blocks'] }): Promise<MessageRef> {
    // A text-only message goes without `blocks` at all rather than with an empty list.
    const blocks = message.blocks?.length ? { blocks: message.blocks } : {};
    const result = await this.client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, ...blocks, unfurl_links: false });
    if (!result.ts) throw new Error('chat.postMessage answered ok without a ts');
    return { platform: 'slack', channelId: result.channel ?? channel, messageId: result.ts, threadId: threadTs ?? null };
  }

  /** The app's DM channel with a user (conversations.open is idempotent; the id is cached). */
  async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const opened = await this.client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error(`conversations.open gave no channel for ${userId}`);
    this.dmChannels.set(userId, id);
    return id;
  }
}
