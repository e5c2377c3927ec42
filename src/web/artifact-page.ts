import type { ArtifactRecord } from '../domain/records';
import type { ArtifactVersionView } from '../domain/run-details-view';
import { html, type SafeHtml } from './html';
import { renderPage } from './page-shell';
import { renderJsonTree } from './render-json';
import { renderMarkdown } from './render-markdown';
import { MAX_SHOWN_CHARS, renderNumberedText } from './render-text';
import { describeBytes } from './status-words';
import type { WebPaths } from './web-paths';

/** Past this size, JSON is shown as numbered text rather than a tree, and Markdown as text. */
const MAX_RICH_BYTES = 1024 * 1024;

function renderText(content: string): SafeHtml {
  const { markup, shownLines, totalLines } = renderNumberedText(content);
  const cut = shownLines < totalLines || content.length > MAX_SHOWN_CHARS;
  return html`${cut ? html`<p class="notice">Showing the first ${shownLines.toLocaleString('en')} of ${totalLines.toLocaleString('en')} lines; download the raw file for all of it.</p>` : ''}${markup}`;
}

function renderBody(a: ArtifactRecord, paths: WebPaths): SafeHtml {
  if (a.content === null) return a.location ? html`<p>Stored outside the database: <code>${a.location}</code></p>` : html`<p class="muted">No content.</p>`;
  const big = Buffer.byteLength(a.content) > MAX_RICH_BYTES;
  switch (a.format) {
    case 'md':
    case 'markdown':
      return big ? renderText(a.content) : html`<article class="markdown">${renderMarkdown(a.content)}</article>`;
    case 'json': {
      if (big) return renderText(a.content);
      try {
        const tree = renderJsonTree(JSON.parse(a.content));
        return html`<div class="fold-tools"><button type="button" data-fold="open">Expand all</button> <button type="button" data-fold="close">Collapse all</button></div>${tree}`;
      } catch {
        return html`<p class="notice">This is not valid JSON; shown as text.</p>${renderText(a.content)}`;
      }
    }
    case 'html':
      return html`<p class="muted">Rendered in a sandbox: no scripts, no network, no access to this page.</p><iframe class="sandboxed" sandbox="" src="${paths.artifact(a.runId, a.blockId, a.key, a.attempt, 'frame')}" title="${a.key} (sandboxed)" referrerpolicy="no-referrer"></iframe><details><summary>Source</summary>${renderText(a.content)}</details>`;
    case 'url': {
      const url = a.content.trim();
      return /^https?:\/\//.test(url) ? html`<p><a href="${url}" rel="noreferrer noopener">${url}</a></p>` : renderText(a.content);
    }
    default:
      return renderText(a.content);
  }
}

/** One version of one artifact, rendered by format, with its other versions, size and sha256. */
export function renderArtifactPage(a: ArtifactRecord, versions: ArtifactVersionView[], runName: string, paths: WebPaths): string {
  const others = versions.filter((v) => v.key === a.key);
  const body = html`<header class="run-head">
<nav><a href="${paths.run(a.runId)}#block-${a.blockId}">← ${runName}</a></nav>
<h1>${a.key} <span class="muted">of ${a.blockId}</span></h1>
<p class="facts">${a.format} · ${describeBytes(a.sizeBytes)} · attempt ${a.attempt}${others.length > 1 ? html` (versions: ${others.map((v, i) => html`${i ? ', ' : ''}${v.attempt === a.attempt ? html`<strong>#${v.attempt}</strong>` : html`<a href="${paths.artifact(a.runId, a.blockId, a.key, v.attempt)}">#${v.attempt}</a>`}`)})` : ''}</p>
<p class="facts"><a class="button" href="${paths.artifact(a.runId, a.blockId, a.key, a.attempt, 'raw')}" download>Download raw</a> <span class="sha">sha256 <code data-sha256>${a.checksum ?? 'unknown'}</code></span></p>
</header>
<section class="panel artifact">${renderBody(a, paths)}</section>`;
  return renderPage({ title: `${a.key} · ${runName}`, body });
}
