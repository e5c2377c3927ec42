import { structuredPatch } from 'diff';
import type { ArtifactRecord } from '../domain/records';
import type { BlockDetailsView, GateSummaryView } from '../domain/run-details-view';
import { html, type SafeHtml } from './html';
import { diffJsonByPath } from './json-diff';
import { renderPage } from './page-shell';
import type { WebPaths } from './web-paths';

/** Larger sides are not diffed in the page (both stay downloadable). */
export const MAX_DIFF_BYTES = 1024 * 1024;

export interface ArtifactPair {
  key: string;
  format: string;
  before: ArtifactRecord | undefined;
  after: ArtifactRecord | undefined;
}

function show(v: unknown): string {
  return v === undefined ? '' : JSON.stringify(v);
}

function renderJsonDiff(before: string, after: string): SafeHtml | null {
  let a: unknown;
  let b: unknown;
  try {
    a = JSON.parse(before);
    b = JSON.parse(after);
  } catch {
    return null;
  }
  const changes = diffJsonByPath(a, b);
  if (changes.length === 0) return html`<p class="muted">No change.</p>`;
  return html`<div class="scroll"><table class="json-diff"><thead><tr><th scope="col">Key path</th><th scope="col">Change</th><th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>${changes.map(
    (c) => html`<tr class="${c.kind}"><td><code>${c.path}</code></td><td>${c.kind}</td><td class="del"><code>${show(c.before)}</code></td><td class="add"><code>${show(c.after)}</code></td></tr>`,
  )}</tbody></table></div>`;
}

function renderTextDiff(key: string, before: string, after: string): SafeHtml {
  const patch = structuredPatch(`${key} (before)`, `${key} (after)`, before, after, '', '', { context: 3 });
  if (patch.hunks.length === 0) return html`<p class="muted">No change.</p>`;
  return html`<pre class="udiff"><code>${patch.hunks.map(
    (h) => html`<span class="hunk">@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@</span>\n${h.lines.map((l) => html`<span class="${l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : 'ctx'}">${l}</span>\n`)}`,
  )}</code></pre>`;
}

function renderPair(p: ArtifactPair): SafeHtml {
  const before = p.before?.content ?? null;
  const after = p.after?.content ?? null;
  let body: SafeHtml;
  if (before === null || after === null) body = html`<p class="muted">${before === null ? 'New in this attempt.' : 'Not produced by this attempt.'}</p>`;
  else if (Buffer.byteLength(before) > MAX_DIFF_BYTES || Buffer.byteLength(after) > MAX_DIFF_BYTES) body = html`<p class="notice">Too large to diff in the page; download both versions.</p>`;
  else body = (p.format === 'json' ? renderJsonDiff(before, after) : null) ?? renderTextDiff(p.key, before, after);
  return html`<section class="panel diff" aria-label="${p.key}"><h2>${p.key} <span class="muted">${p.format}${p.format === 'json' ? ' · by key path' : ' · by line'}</span></h2>${body}</section>`;
}

/** Why the later attempt exists: the reviewer's rejection, or the earlier attempt's failure or low score. */
function renderReason(block: BlockDetailsView, gates: GateSummaryView[], from: number): SafeHtml {
  const rejected = gates.find((g) => g.blockId === block.id && g.attempt === from && g.status === 'rejected');
  if (rejected) {
    const who = rejected.decidedBy ? `${rejected.decidedBy.name}${rejected.decidedVia ? ` via ${rejected.decidedVia}` : ''}` : 'a reviewer';
    return html`<aside class="reason"><h2>Why it was reworked</h2><p>Rejected by <strong>${who}</strong>:</p><blockquote>${rejected.reason ?? '(no reason given)'}</blockquote></aside>`;
  }
  const attempt = block.attemptList.find((a) => a.attempt === from);
  const low = attempt?.score !== null && attempt?.score !== undefined && block.threshold && attempt.score < block.threshold.min;
  const why = attempt?.error ?? (low ? `score ${attempt!.score} below the threshold ${block.threshold!.min}` : `attempt ${from} ended ${attempt?.status ?? 'without a result'}`);
  return html`<aside class="reason"><h2>Why it ran again</h2><p>${why}</p></aside>`;
}

/** Attempt `from` against attempt `to` of one block: the reason next to a diff of every artifact. */
export function renderDiffPage(input: { runId: string; runName: string; block: BlockDetailsView; gates: GateSummaryView[]; from: number; to: number; pairs: ArtifactPair[] }, paths: WebPaths): string {
  const { runId, block, from, to } = input;
  const body = html`<header class="run-head">
<nav><a href="${paths.run(runId)}#block-${block.id}">← ${input.runName}</a></nav>
<h1>${block.name}: attempt ${from} → ${to}</h1>
</header>
<div class="diff-layout">${renderReason(block, input.gates, from)}<div class="diff-list">${input.pairs.map(renderPair)}</div></div>`;
  return renderPage({ title: `${block.name} attempt ${from} → ${to}`, body });
}
