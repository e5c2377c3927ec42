import type { types } from '@slack/bolt';
import type { Card } from '../../src/domain/card';
import { cardParts, type MiddleItem, type TextPiece } from './card-parts';
import { MAX_MESSAGE_BLOCKS, MESSAGE_BLOCKS_JSON_BUDGET } from './limits';
import { mrkdwnLink, truncateMrkdwn } from './mrkdwn';

export interface RenderCardOptions {
  /** Base for relative card, section and link URLs; without it a relative URL is left out. */
  publicBaseUrl?: string;
}

/** A chat.postMessage / chat.update body fragment: notification text plus Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** No text is shortened below this many characters before whole blocks are dropped instead. */
const MIN_TEXT_CAP = 200;

/**
 * Renders a Card as Block Kit within every Slack limit: header, mentions, description, fields
 * (≤10 per section), sections, a context line (footer, time, link) and the buttons. Long text is cut
 * VISIBLY ("… truncated · full text" linking to the section's moreUrl or the card's url). The whole
 * message is kept under MESSAGE_BLOCKS_JSON_BUDGET by capping the longest texts first (one common
 * cap, found by binary search), then, if that is not enough, by dropping trailing middle blocks
 * behind a "…N more" note; header, context and buttons always survive. Pure.
 *
 * @throws RangeError for programming errors: an action id that is empty, longer than 255 or repeated.
 */
export function renderCard(card: Card, opts: RenderCardOptions = {}): SlackMessage {
  const parts = cardParts(card, opts.publicBaseUrl);
  const fixed = parts.head.length + parts.tail.length;
  // One slot stays free for the "…N more" note whenever something has to go.
  let keep = parts.middle.length + fixed <= MAX_MESSAGE_BLOCKS ? parts.middle.length : MAX_MESSAGE_BLOCKS - fixed - 1;
  const layout = (cap: number, kept: number): types.KnownBlock[] => {
    const blocks = [...parts.head, ...parts.middle.slice(0, Math.max(0, kept)).map((item) => renderItem(item, cap))];
    const note = moreNote(parts.middle.slice(Math.max(0, kept)), parts.url);
    return note ? [...blocks, note, ...parts.tail] : [...blocks, ...parts.tail];
  };
  const fits = (blocks: types.KnownBlock[]): boolean => JSON.stringify(blocks).length <= MESSAGE_BLOCKS_JSON_BUDGET;

  let blocks = layout(Infinity, keep);
  if (!fits(blocks)) {
    const cap = largestFittingCap(parts.middle, (c) => fits(layout(c, keep)));
    blocks = layout(cap ?? MIN_TEXT_CAP, keep);
    while (cap === undefined && !fits(blocks) && keep > 0) blocks = layout(MIN_TEXT_CAP, --keep);
  }
  return { text: parts.text, blocks };
}

function renderItem(item: MiddleItem, cap: number): types.KnownBlock {
  if (item.kind === 'text') return { type: 'section', text: { type: 'mrkdwn', text: fitPiece(item.piece, cap) } };
  return { type: 'section', fields: item.pieces.map((p) => ({ type: 'mrkdwn' as const, text: fitPiece(p, cap) })) };
}

function fitPiece(piece: TextPiece, cap: number): string {
  const marker = piece.moreUrl ? `\n… _truncated_ · ${mrkdwnLink(piece.moreUrl, 'full text')}` : '\n… _truncated_';
  return piece.prefix + truncateMrkdwn(piece.body, Math.min(piece.max, cap), marker);
}

/** Binary search for the largest common cap on texts that fits, or undefined if even the minimum does not. */
function largestFittingCap(middle: MiddleItem[], fitsWith: (cap: number) => boolean): number | undefined {
  const longest = Math.max(0, ...middle.flatMap((item) => (item.kind === 'text' ? [item.piece] : item.pieces)).map((p) => p.body.length));
  if (!fitsWith(MIN_TEXT_CAP)) return undefined;
  let low = MIN_TEXT_CAP;
  let high = longest;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fitsWith(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The visible "…N more" note for dropped blocks, linking to the card's page when it has one. */
function moreNote(dropped: MiddleItem[], url: string | undefined): types.KnownBlock | null {
  if (dropped.length === 0) return null;
  const fields = dropped.reduce((n, item) => n + (item.kind === 'fields' ? item.pieces.length : item.counts === 'field' ? 1 : 0), 0);
  const sections = dropped.filter((item) => item.kind === 'text' && item.counts !== 'field').length;
  const what = [sections ? `${sections} more section${sections === 1 ? '' : 's'}` : '', fields ? `${fields} more field${fields === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' and ');
  const link = url ? ` · ${mrkdwnLink(url, 'see the full card')}` : '';
  return { type: 'context', elements: [{ type: 'mrkdwn', text: `…${what} not shown${link}` }] };
}
