import { html, type SafeHtml } from './html';

const MAX_NODES = 20_000;

/**
 * A JSON value as a foldable tree: objects and arrays are <details> (open to two levels), so it
 * folds with a click or the keyboard and needs no script. Past MAX_NODES the rest is elided.
 */
export function renderJsonTree(value: unknown): SafeHtml {
  let budget = MAX_NODES;
  const node = (v: unknown, depth: number): SafeHtml => {
    if (--budget < 0) return html`<span class="muted">…</span>`;
    if (v === null || typeof v !== 'object') return html`<span class="j-${v === null ? 'null' : typeof v}">${JSON.stringify(v)}</span>`;
    const entries: Array<[string, unknown]> = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) return html`<span>${open}${close}</span>`;
    return html`<details${depth < 2 ? ' open' : ''}><summary>${open} <span class="muted">${entries.length} ${Array.isArray(v) ? 'items' : 'keys'}</span></summary><ul class="j">${entries.map(
      ([k, x]) => html`<li>${Array.isArray(v) ? '' : html`<span class="j-key">${JSON.stringify(k)}</span>: `}${node(x, depth + 1)}</li>`,
    )}</ul>${close}</details>`;
  };
  return html`<div class="json-tree">${node(value, 0)}</div>`;
}
