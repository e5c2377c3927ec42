/**
 * Visible truncation for Discord text. Lengths are UTF-16 code units (String#length); cuts never
 * split a surrogate pair, so an emoji is either whole or gone.
 */

/** A text the budget may shorten: `prefix` (e.g. a bold section title) stays, `body` is cut. */
export interface TextPart {
  prefix: string;
  body: string;
  /** Where the full text lives; named in the marker when the body is cut and the link fits. */
  moreUrl?: string;
}

export const ELLIPSIS = '…';

export function partLength(part: TextPart): number {
  return part.prefix.length + part.body.length;
}

/** Cuts `text` to at most `max` units at a code-point boundary, without a marker. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  // A high surrogate as the last unit would leave half an emoji.
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * Shortens `text` to at most `max` units, ending with "…" and, when given and there is room,
 * "full text: <url>" on its own line, so a reader always sees that something was cut and where
 * the rest is.
 */
export function truncateVisible(text: string, max: number, moreUrl?: string): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const withLink = moreUrl ? `${ELLIPSIS}\nfull text: ${moreUrl}` : ELLIPSIS;
  // Keep the link only when some of the text itself still shows next to it.
  const marker = withLink.length + 20 <= max ? withLink : ELLIPSIS;
  return `${cutAt(text, max - marker.length).trimEnd()}${marker}`;
}

/** Truncates a part's body so the whole part fits in `max` units. */
export function fitPart(part: TextPart, max: number): TextPart {
  if (partLength(part) <= max) return part;
  const room = max - part.prefix.length;
  if (room <= 0) return { prefix: truncateVisible(part.prefix, max), body: '' };
  return { ...part, body: truncateVisible(part.body, room, part.moreUrl) };
}

export function renderPart(part: TextPart): string {
  return part.prefix + part.body;
}

/**
 * The largest cap C with sum(min(length_i, C)) <= budget: cutting every part longer than C down
 * to C shrinks the longest parts first and leaves short ones whole.
 */
export function waterFillCap(lengths: readonly number[], budget: number): number {
  if (lengths.reduce((a, b) => a + b, 0) <= budget) return Number.POSITIVE_INFINITY;
  let low = 0;
  let high = Math.max(...lengths);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const used = lengths.reduce((sum, len) => sum + Math.min(len, mid), 0);
    if (used <= budget) low = mid;
    else high = mid - 1;
  }
  return low;
}
