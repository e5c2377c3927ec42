/**
 * Card -> Discord message body (one embed, button rows, mentions in content). Pure: no client,
 * no clock. Every Discord limit is enforced here, so Discord never rejects a rendered card; long
 * text is cut visibly ("…" and "full text: <url>" when the section names one).
 */
import type { APIActionRowComponent, APIAllowedMentions, APIButtonComponent, APIEmbed } from 'discord.js';
import type { Card, CardSection, CardTone } from '../../src/domain/card';
import { renderCardTimes, renderTimeTokens, type TimeToken } from '../../src/domain/time-token';
import { DESCRIPTION_SEPARATOR, fitEmbedText, type EmbedText } from './fit-embed';
import { MAX_EMBED_FIELDS } from './limits';
import { renderActionRows, resolveUrl } from './render-buttons';
import { renderMentions } from './render-mentions';
import { renderPart, truncateVisible, type TextPart } from './truncate-text';

/** What `channel.send()` / `interaction.editReply()` take (API JSON). */
export interface RenderedCard {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: APIAllowedMentions;
}

export interface RenderCardOptions {
  /** Base for relative card, section and link URLs (e.g. "https://factory.example.com"). */
  publicBaseUrl?: string;
  /** Role ids, so bare ids in `card.mentions` that are roles render as <@&id>. */
  roleIds?: ReadonlySet<string>;
}

/** Embed colours by tone (Discord palette-like, readable on light and dark themes). */
export const TONE_COLORS: Record<CardTone, number> = {
  info: 0x3498db,
  pending: 0xf1c40f,
  success: 0x2ecc71,
  danger: 0xe74c3c,
  warning: 0xe67e22,
  neutral: 0x95a5a6,
};

/** Labels are short by nature; capping them leaves a section most of the description. */
const MAX_SECTION_TITLE = 200;
/** A field name must not be empty; a zero-width space renders as nothing. */
const EMPTY_NAME = '\u200b';

/** Renders a card within every Discord limit. Throws RangeError only for invalid action ids. */
export function renderCard(tokenCard: Card, opts: RenderCardOptions = {}): RenderedCard {
  const card = renderCardTimes(tokenCard, discordTimes);
  const url = resolveUrl(card.url, opts.publicBaseUrl);
  const fitted = fitEmbedText(embedText(card, url, opts.publicBaseUrl));
  const embed: APIEmbed = {
    title: renderPart(fitted.title),
    color: TONE_COLORS[card.tone],
  };
  if (url) embed.url = url;
  const description = fitted.description.map(renderPart).join(DESCRIPTION_SEPARATOR);
  if (description) embed.description = description;
  if (fitted.fields.length > 0) embed.fields = fitted.fields.map((f) => ({ name: renderPart(f.name), value: renderPart(f.value), inline: f.inline }));
  if (fitted.footer) embed.footer = { text: renderPart(fitted.footer) };
  if (card.timestamp) embed.timestamp = card.timestamp.toISOString();
  const { content, allowed_mentions } = renderMentions(card.mentions ?? [], card.summary, opts.roleIds);
  return { ...(content ? { content } : {}), embeds: [embed], components: renderActionRows(card.actions ?? [], opts.publicBaseUrl), allowed_mentions };
}

function plain(body: string, moreUrl?: string): TextPart {
  return { prefix: '', body, ...(moreUrl ? { moreUrl } : {}) };
}

function embedText(card: Card, url: string | undefined, publicBaseUrl: string | undefined): EmbedText {
  const description: TextPart[] = [];
  if (card.description?.trim()) description.push(plain(card.description.trim(), url));
  for (const section of card.sections ?? []) {
    const part = sectionPart(section, resolveUrl(section.moreUrl, publicBaseUrl) ?? url);
    if (part) description.push(part);
  }
  const all = (card.fields ?? []).map((f) => ({
    name: plain(f.label.trim() || EMPTY_NAME),
    value: plain(f.value.trim() || '—', url),
    inline: f.inline !== false,
  }));
  // More than 25 fields: keep 24 and fold the rest into one that names them.
  const fields = all.length <= MAX_EMBED_FIELDS ? all : [...all.slice(0, MAX_EMBED_FIELDS - 1), foldedField(all.slice(MAX_EMBED_FIELDS - 1).map((f) => f.name.body), url)];
  const title = card.title.trim() || card.summary.trim() || 'Process Factory';
  return { title: plain(title), description, fields, ...(card.footer?.trim() ? { footer: plain(card.footer.trim()) } : {}) };
}

function sectionPart(section: CardSection, moreUrl: string | undefined): TextPart | undefined {
  const title = section.title?.trim();
  const text = section.text.trim();
  if (!title && !text) return undefined;
  const prefix = title ? `**${truncateVisible(title, MAX_SECTION_TITLE)}**\n` : '';
  return { prefix, body: text || '—', ...(moreUrl ? { moreUrl } : {}) };
}

function foldedField(names: string[], url: string | undefined): EmbedText['fields'][number] {
  return {
    name: plain(`…and ${names.length} more`),
    value: plain(names.join(', ') || '—', url),
    inline: false,
  };
}

/** Discord's timestamp markup: "<t:1700000000:R>" ("in 3 hours"), "<t:…:f>" (date and time), in each reader's zone. */
export function discordTime(token: TimeToken): string {
  return `<t:${Math.floor(token.at.getTime() / 1000)}:${token.style === 'relative' ? 'R' : 'f'}>`;
}

/** Text with every time token as Discord markup. */
export function discordTimes(text: string): string {
  return renderTimeTokens(text, discordTime);
}
