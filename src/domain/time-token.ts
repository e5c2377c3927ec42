/**
 * A moment in a card's text that each renderer shows its own way: Discord as `<t:…:R>` / `<t:…:f>`
 * (live, in each reader's time zone), Slack as `<!date^…|fallback>`, the console as the fallback
 * text written when the card was built. Cards stay platform-neutral: they embed a token, never
 * platform markup. The delimiters are characters no template or executor text uses; a renderer
 * that knows nothing of tokens would still show a readable "⟦…⟧".
 */
import type { Card } from './card';
export type TimeStyle = 'relative' | 'datetime';

export interface TimeToken {
  at: Date;
  style: TimeStyle;
  /** What to show where live time markup is not available (the console, notifications). */
  fallback: string;
}

const OPEN = '\u27e6';
const CLOSE = '\u27e7';
const STYLE_CODE: Record<TimeStyle, string> = { relative: 'R', datetime: 'f' };
const TOKEN = new RegExp(`${OPEN}t:(-?\\d+):([Rf])\\|([^${CLOSE}]*)${CLOSE}`, 'g');

/** The token for `at` in card text: "⟦t:1700000000:R|5m ago⟧". */
export function timeToken(at: Date, style: TimeStyle, fallback: string): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `${OPEN}t:${seconds}:${STYLE_CODE[style]}|${fallback.replaceAll(CLOSE, '')}${CLOSE}`;
}

/** Replaces every token in `text` with what `render` makes of it. */
export function renderTimeTokens(text: string, render: (token: TimeToken) => string): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(TOKEN, (_m, seconds: string, code: string, fallback: string) =>
    render({ at: new Date(Number(seconds) * 1000), style: code === 'R' ? 'relative' : 'datetime', fallback }),
  );
}

/** The text as a reader without live time markup sees it (the console, plain notifications). */
export function timeTokensAsText(text: string): string {
  return renderTimeTokens(text, (t) => t.fallback);
}

/**
 * The card with its time tokens rendered: `rich` for text that takes markup (descriptions,
 * sections, field values, the notification summary), the plain fallback for titles, labels,
 * footers and buttons, which no platform renders live.
 */
export function renderCardTimes(card: Card, rich: (text: string) => string): Card {
  const plain = timeTokensAsText;
  return {
    ...card,
    title: plain(card.title),
    summary: rich(card.summary),
    ...(card.description !== undefined ? { description: rich(card.description) } : {}),
    ...(card.footer !== undefined ? { footer: plain(card.footer) } : {}),
    ...(card.fields ? { fields: card.fields.map((f) => ({ ...f, label: plain(f.label), value: rich(f.value) })) } : {}),
    ...(card.sections ? { sections: card.sections.map((s) => ({ ...s, ...(s.title !== undefined ? { title: plain(s.title) } : {}), text: rich(s.text) })) } : {}),
    ...(card.actions ? { actions: card.actions.map((a) => ({ ...a, label: plain(a.label) })) } : {}),
  };
}
