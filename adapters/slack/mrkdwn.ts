/**
 * Slack mrkdwn helpers for the card renderer: escaping, the Markdown-ish → mrkdwn conversion,
 * cutting text without breaking an entity, a link or a code fence, and mention syntax. Pure.
 */

import { renderTimeTokens } from '../../src/domain/time-token';

/**
 * Escapes the three characters Slack treats as control sequences. Card text comes from templates,
 * executors and LLM output, so escaping also stops `<!channel>` or `<@U…>` smuggled into an
 * artifact from pinging people: only `mentions` on the card may notify anyone.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL made safe to sit inside `<url|label>`: the delimiters are percent-encoded, `&` escaped. */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/**
 * Converts the cards' Markdown-ish dialect to mrkdwn: `**bold**` → `*bold*`, `*italic*` → `_italic_`,
 * `~~strike~~` → `~strike~`, `# heading` → `*heading*`, `[label](https://…)` → `<https://…|label>`.
 * Code spans and fences are escaped but otherwise left alone.
 */
export function toMrkdwn(markdown: string): string {
  // Odd indexes are code (fenced or inline) because the capture group keeps the delimiters.
  return markdown
    .split(/(```[\s\S]*?```|`[^`\n]*`)/)
    .map((part, index) => (index % 2 === 1 ? escapeMrkdwn(part) : convertProse(part)))
    .join('');
}

function convertProse(text: string): string {
  const BOLD = '\u0000';
  return escapeMrkdwn(text)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) =>
      // label and url were escaped already; undo it so mrkdwnLink escapes exactly once.
      mrkdwnLink(unescapeMrkdwn(url), unescapeMrkdwn(label)),
    )
    .replace(/^#{1,6}[ \t]+(.+?)[ \t]*#*$/gm, `${BOLD}$1${BOLD}`)
    .replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, `${BOLD}$1${BOLD}`)
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, '$1_$2_')
    .replace(/~~(?=\S)([^\n]*?\S)~~/g, '~$1~')
    .replace(new RegExp(BOLD, 'g'), '*');
}

function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Shortens mrkdwn to at most `max` code units, ending with `marker` (which must itself be valid
 * mrkdwn). The cut never splits a surrogate pair, an `&amp;` entity or a `<…>` link, prefers a
 * word boundary close to the limit, and closes a code fence left open so the marker stays prose.
 */
export function truncateMrkdwn(text: string, max: number, marker: string): string {
  if (text.length <= max) return text;
  let tail = marker;
  let cut = safeCut(text, max - tail.length);
  if (countFences(text.slice(0, cut)) % 2 === 1) {
    tail = `\n\`\`\`${marker}`;
    cut = safeCut(text, max - tail.length);
  }
  return text.slice(0, cut).trimEnd() + tail;
}

function safeCut(text: string, limit: number): number {
  let cut = Math.max(0, limit);
  const openLink = text.lastIndexOf('<', cut - 1);
  if (openLink >= 0 && text.indexOf('>', openLink) >= cut) cut = openLink;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  const space = text.slice(0, cut).search(/\s\S*$/);
  return space > 0 && cut - space < 40 ? space : cut;
}

function countFences(text: string): number {
  return text.split('```').length - 1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Cuts plain text (no mrkdwn) to `max` code units with an ellipsis, never splitting a surrogate pair. */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * Turns a card mention into Slack syntax: `@here`/`here` → `<!here>` (also channel, everyone),
 * `U…`/`W…` → `<@U…>`, `S…` → `<!subteam^S…>`; text already in Slack syntax is kept. Anything
 * else (a Discord snowflake, a name) is not a Slack mention and yields null so it is left out.
 */
export function formatMention(mention: string): string | null {
  const m = mention.trim();
  const special = /^@?(here|channel|everyone)$/i.exec(m);
  if (special?.[1]) return `<!${special[1].toLowerCase()}>`;
  if (/^<(@[UW][A-Z0-9]+|!subteam\^S[A-Z0-9]+|!(here|channel|everyone))>$/.test(m)) return m;
  if (/^[UW][A-Z0-9]{2,}$/.test(m)) return `<@${m}>`;
  if (/^S[A-Z0-9]{2,}$/.test(m)) return `<!subteam^${m}>`;
  return null;
}

/**
 * `<!date^…>` shows the time in each reader's own timezone ("Today 14:02"); the fallback is what
 * clients that cannot show it print instead (the ISO time unless the card wrote its own words).
 */
export function slackDate(date: Date, fallback = date.toISOString()): string {
  const seconds = Math.floor(date.getTime() / 1000);
  const safe = escapeMrkdwn(fallback).replace(/\|/g, '¦');
  return `<!date^${seconds}^{date_short_pretty} {time}|${safe}>`;
}

/** Mrkdwn with every time token (src/domain/time-token.ts) as Slack date markup; run after escaping. */
export function slackTimes(mrkdwn: string): string {
  return renderTimeTokens(mrkdwn, (token) => slackDate(token.at, unescapeMrkdwn(token.fallback)));
}
