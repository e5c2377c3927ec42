import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { raw, type SafeHtml } from './html';

const marked = new Marked({ gfm: true, async: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'del', 'input'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], input: ['type', 'checked', 'disabled'], th: ['align'], td: ['align'], code: ['class'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noreferrer noopener' }) },
};

/** Markdown as HTML, sanitized: no script, no event handlers, no javascript: links, no remote images. */
export function renderMarkdown(text: string): SafeHtml {
  return raw(sanitizeHtml(marked.parse(text) as string, ALLOWED));
}
