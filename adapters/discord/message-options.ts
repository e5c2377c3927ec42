/**
 * Rendered cards and text as discord.js message options. The renderer speaks API JSON; discord.js
 * passes embeds and components through as they are but reads mentions only from its camelCase
 * `allowedMentions`, so that one field is moved here.
 */
import type { APIActionRowComponent, APIAllowedMentions, APIButtonComponent, APIEmbed } from 'discord.js';
import type { Card } from '../../src/domain/card';
import { MAX_CONTENT } from './limits';
import { discordTimes, renderCard, type RenderCardOptions } from './render-card';
import { truncateVisible } from './truncate-text';

/** A message body every discord.js send and edit method accepts (channel, webhook, interaction). */
export interface OutgoingMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: APIAllowedMentions;
}

/** What `channel.send()`, `followUp()` and `editReply()` take for a card. */
export function cardMessage(card: Card, opts: RenderCardOptions): OutgoingMessage {
  const rendered = renderCard(card, opts);
  return {
    // An edit must clear old mention text when the new card has none; an empty string does that.
    content: rendered.content ?? '',
    embeds: rendered.embeds,
    components: rendered.components,
    allowedMentions: rendered.allowed_mentions,
  };
}

/** A plain sentence (a reply, a refusal) within the 2000-character limit; it never pings anyone. */
export function textMessage(text: string): OutgoingMessage {
  return { content: truncateVisible(discordTimes(text).trim() || '…', MAX_CONTENT), embeds: [], components: [], allowedMentions: { parse: [] } };
}
