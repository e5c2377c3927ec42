import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Reply } from '../../src/domain/card';
import { encodeModalContext } from './modal-context';
import { slackTimes, toMrkdwn } from './mrkdwn';
import type { SlackMessage } from './render-card';
import { renderModal } from './render-modal';
import type { SlackMessenger } from './slack-messenger';

/** Where a reply goes: the person, and what we know of the place they acted in. */
export interface ReplyPlace {
  userId: string;
  channelId?: string | null;
  threadTs?: string | null;
  /** The request's response_url (slash commands and message buttons); it reaches people even where the bot is no member. */
  respond?: RespondFn;
  /** The request's trigger_id, for a reply that is a form. */
  triggerId?: string;
  /** The click came from an ephemeral message (a confirmation): the reply takes its place. */
  replaceOriginal?: boolean;
}

/**
 * Delivers a command's Reply in Slack. Ephemeral replies go through the response_url, then
 * chat.postEphemeral in the channel, then a DM, whichever works first; public ones are posted to
 * the channel (falling back to an in-channel response_url answer where the bot may not post).
 * A reply that reaches nobody is logged; it is never retried, since the state change it reports
 * is already shown by the cards.
 */
export class ReplySender {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly messenger: SlackMessenger,
    private readonly log: Logger,
  ) {}

  async send(reply: Reply, place: ReplyPlace): Promise<void> {
    if (reply.type === 'modal') {
      if (place.triggerId) {
        const context = encodeModalContext({ channelId: place.channelId ?? undefined, threadTs: place.threadTs ?? undefined });
        await this.client.views.open({ trigger_id: place.triggerId, view: renderModal(reply.modal, context) });
        return;
      }
      return this.send({ type: 'text', text: 'Use the button on the card to open the form.', ephemeral: true }, place);
    }
    const message: SlackMessage = reply.type === 'card' ? this.messenger.render(reply.card) : { text: slackTimes(toMrkdwn(reply.text)), blocks: [] };
    const content = message.blocks.length > 0 ? message : { text: message.text };
    if (reply.ephemeral) return this.sendEphemeral(content, place);
    return this.sendPublic(content, place);
  }

  private async sendEphemeral(content: Partial<SlackMessage> & { text: string }, place: ReplyPlace): Promise<void> {
    const attempts: Array<[string, () => Promise<unknown>]> = [];
    if (place.respond) {
      const respond = place.respond;
      attempts.push(['response_url', () => respond({ response_type: 'ephemeral', replace_original: place.replaceOriginal === true, ...content })]);
    }
    if (place.channelId) {
      const channel = place.channelId;
      attempts.push(['chat.postEphemeral', () => this.client.chat.postEphemeral({ channel, user: place.userId, ...(place.threadTs ? { thread_ts: place.threadTs } : {}), ...content })]);
    }
    attempts.push(['DM', async () => this.messenger.postMessage(await this.messenger.dmChannel(place.userId), undefined, content)]);
    await this.firstThatWorks(attempts, place);
  }

  private async sendPublic(content: Partial<SlackMessage> & { text: string }, place: ReplyPlace): Promise<void> {
    const attempts: Array<[string, () => Promise<unknown>]> = [];
    if (place.channelId) {
      const channel = place.channelId;
      attempts.push(['chat.postMessage', () => this.messenger.postMessage(channel, place.threadTs ?? undefined, content)]);
    }
    if (place.respond) {
      const respond = place.respond;
      attempts.push(['response_url', () => respond({ response_type: 'in_channel', replace_original: false, ...content })]);
    }
    if (attempts.length === 0) return this.sendEphemeral(content, place);
    await this.firstThatWorks(attempts, place);
  }

  private async firstThatWorks(attempts: Array<[string, () => Promise<unknown>]>, place: ReplyPlace): Promise<void> {
    const failures: string[] = [];
    for (const [how, attempt] of attempts) {
      try {
        await attempt();
        return;
      } catch (error) {
        failures.push(`${how}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.log.warn({ user: place.userId, channel: place.channelId, failures }, 'a reply reached nobody');
  }
}
