import { html, type SafeHtml } from './html';

/** How much of a long artifact the page shows; the raw download has all of it. */
export const MAX_SHOWN_LINES = 5_000;
export const MAX_SHOWN_CHARS = 512 * 1024;

/** Text with line numbers (CSS counters), cut to the first lines of a huge file. */
export function renderNumberedText(text: string): { markup: SafeHtml; shownLines: number; totalLines: number } {
  const head = text.length > MAX_SHOWN_CHARS ? text.slice(0, MAX_SHOWN_CHARS) : text;
  const lines = head.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const shown = lines.slice(0, MAX_SHOWN_LINES);
  let totalLines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) totalLines++;
  if (!text.endsWith('\n') && text.length > 0) totalLines++;
  return { markup: html`<pre class="numbered"><code>${shown.map((l) => html`<span class="line">${l}</span>\n`)}</code></pre>`, shownLines: shown.length, totalLines };
}
