import type { types } from '@slack/bolt';
import type { Card, CardAction, CardTone } from '../../src/domain/card';
import {
  MAX_ACTION_ID, MAX_ACTIONS_ELEMENTS, MAX_BUTTON_TEXT, MAX_BUTTON_URL, MAX_FALLBACK_TEXT, MAX_HEADER_TEXT, MAX_SECTION_FIELD_TEXT,
  MAX_SECTION_FIELDS, MAX_SECTION_TEXT,
} from './limits';
import { renderCardTimes } from '../../src/domain/time-token';
import { escapeMrkdwn, formatMention, mrkdwnLink, slackDate, slackTimes, toMrkdwn, truncateMrkdwn, truncatePlain } from './mrkdwn';

type KnownBlock = types.KnownBlock;

/** A run of mrkdwn the budget may shorten: `prefix` (a bold title) stays, `body` can be cut. */
export interface TextPiece { prefix: string; body: string; max: number; moreUrl: string | undefined }

/** A block between the header and the footer; these are the ones shortened or dropped to fit. */
export type MiddleItem =
  | { kind: 'text'; piece: TextPiece; counts: 'description' | 'section' | 'field' }
  | { kind: 'fields'; pieces: TextPiece[] };

/** The card cut into the parts the budget in render-card.ts arranges. */
export interface CardParts {
  head: KnownBlock[];
  middle: MiddleItem[];
  tail: KnownBlock[];
  text: string;
  /** The card's own link, resolved; the "…N more" note points there. */
  url: string | undefined;
}

const TONE_MARK: Record<CardTone, string> = { info: 'ℹ️ ', pending: '⏳ ', success: '✅ ', danger: '❌ ', warning: '⚠️ ', neutral: '' };
/** Labels are short by nature; capping them leaves a field's value most of its 2000 characters. */
const MAX_LABEL = 200;

/** Resolves a card URL to an absolute http(s) URL, or undefined when it cannot be made one. */
export function resolveUrl(url: string | undefined, publicBaseUrl: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = publicBaseUrl ? new URL(url, publicBaseUrl) : new URL(url);
    return /^https?:$/.test(resolved.protocol) ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a card into header, shrinkable middle and fixed tail. Throws RangeError on programming errors. */
export function cardParts(tokenCard: Card, publicBaseUrl: string | undefined): CardParts {
  // Plain parts (header, labels, buttons) get the fallback words now; rich ones keep their tokens
  // until after escaping, where slackTimes turns them into <!date> markup.
  const card = renderCardTimes(tokenCard, (text) => text);
  const url = resolveUrl(card.url, publicBaseUrl);
  const mentions = (card.mentions ?? []).map(formatMention).filter((m): m is string => m !== null);
  const mentionLine = fitMentions(mentions);
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncatePlain(TONE_MARK[card.tone] + (card.title.trim() || card.summary.trim() || 'Process Factory'), MAX_HEADER_TEXT), emoji: true } },
  ];
  if (mentionLine) head.push({ type: 'section', text: { type: 'mrkdwn', text: mentionLine } });

  const middle: MiddleItem[] = [];
  if (card.description?.trim()) {
    middle.push({ kind: 'text', counts: 'description', piece: piece('', card.description, MAX_SECTION_TEXT, url) });
  }
  let inlineRun: TextPiece[] = [];
  const flush = (): void => {
    for (let i = 0; i < inlineRun.length; i += MAX_SECTION_FIELDS) middle.push({ kind: 'fields', pieces: inlineRun.slice(i, i + MAX_SECTION_FIELDS) });
    inlineRun = [];
  };
  for (const field of card.fields ?? []) {
    const prefix = field.label.trim() ? `*${escapeMrkdwn(truncatePlain(field.label.trim(), MAX_LABEL))}*\n` : '';
    const body = field.value.trim() ? field.value : '—';
    // Slack's fields sit two abreast; a field the card marks as not inline gets the full width.
    if (field.inline === false) {
      flush();
      middle.push({ kind: 'text', counts: 'field', piece: piece(prefix, body, MAX_SECTION_TEXT, url) });
    } else inlineRun.push(piece(prefix, body, MAX_SECTION_FIELD_TEXT, url));
  }
  flush();
  for (const section of card.sections ?? []) {
    const prefix = section.title?.trim() ? `*${escapeMrkdwn(truncatePlain(section.title.trim(), MAX_LABEL))}*\n` : '';
    if (!prefix && !section.text.trim()) continue;
    const moreUrl = resolveUrl(section.moreUrl, publicBaseUrl) ?? url;
    middle.push({ kind: 'text', counts: 'section', piece: piece(prefix, section.text.trim() ? section.text : '—', MAX_SECTION_TEXT, moreUrl) });
  }

  const tail: KnownBlock[] = [];
  const context = contextElements(card, url);
  if (context.length > 0) tail.push({ type: 'context', elements: context });
  const buttons = renderButtons(card.actions ?? [], publicBaseUrl);
  for (let i = 0; i < buttons.length; i += MAX_ACTIONS_ELEMENTS) tail.push({ type: 'actions', elements: buttons.slice(i, i + MAX_ACTIONS_ELEMENTS) });

  const summary = slackTimes(escapeMrkdwn(card.summary.trim() || card.title.trim() || 'Process Factory'));
  const text = truncateMrkdwn([mentionLine, summary].filter(Boolean).join(' '), MAX_FALLBACK_TEXT, '…');
  return { head, middle, tail, text, url };
}

function piece(prefix: string, markdown: string, max: number, moreUrl: string | undefined): TextPiece {
  return { prefix, body: slackTimes(toMrkdwn(markdown)), max: max - prefix.length, moreUrl };
}

/** Whole mentions only: a half-cut `<!subteam^…>` would show as garbage and notify nobody. */
function fitMentions(mentions: string[]): string {
  let line = '';
  for (const mention of new Set(mentions)) {
    if (line.length + mention.length + 1 > MAX_SECTION_TEXT) break;
    line = line ? `${line} ${mention}` : mention;
  }
  return line;
}

function contextElements(card: Card, url: string | undefined): types.MrkdwnElement[] {
  const parts: string[] = [];
  if (card.footer?.trim()) parts.push(escapeMrkdwn(truncatePlain(card.footer.trim(), 500)));
  if (card.timestamp) parts.push(slackDate(card.timestamp));
  if (url) parts.push(mrkdwnLink(url, 'Open'));
  return parts.map((text) => ({ type: 'mrkdwn', text }));
}

function renderButtons(actions: CardAction[], publicBaseUrl: string | undefined): types.Button[] {
  const seen = new Set<string>();
  const buttons: types.Button[] = [];
  for (const action of actions) {
    // Button ids route clicks; cutting one would route to the wrong gate, so a bad id is a bug to surface.
    if (action.id.length === 0 || action.id.length > MAX_ACTION_ID) {
      throw new RangeError(`renderCard: action id must be 1–${MAX_ACTION_ID} characters (got ${action.id.length}: "${action.id.slice(0, 40)}…"); ids are opaque and short, e.g. gate:<id>:approve`);
    }
    if (seen.has(action.id)) throw new RangeError(`renderCard: duplicate action id "${action.id}"; Slack requires unique action_ids in a block`);
    seen.add(action.id);
    const button: types.Button = { type: 'button', action_id: action.id, text: { type: 'plain_text', text: truncatePlain(action.label.trim() || action.id, MAX_BUTTON_TEXT), emoji: true } };
    if (action.style === 'primary' || action.style === 'danger') button.style = action.style;
    if (action.style === 'link') {
      const href = resolveUrl(action.url, publicBaseUrl);
      // A link that cannot be opened is worse than no button; the rest of the card still renders.
      if (!href || href.length > MAX_BUTTON_URL) continue;
      button.url = href;
    }
    buttons.push(button);
  }
  return buttons;
}
