import type { BlockDetailsView, RunDetailsView } from '../domain/run-details-view';
import { html, type SafeHtml } from './html';
import { BLOCK_ICONS, describeBytes, describeSpan, describeTime } from './status-words';
import type { WebPaths } from './web-paths';

function describeScore(score: number | null, threshold: BlockDetailsView['threshold']): SafeHtml | string {
  if (score === null) return '–';
  if (!threshold) return String(score);
  const pass = score >= threshold.min;
  return html`<span class="${pass ? 'pass' : 'fail'}">${score} ${pass ? '≥' : '<'} ${threshold.min}</span>`;
}

function renderAttempts(block: BlockDetailsView, now: Date): SafeHtml {
  if (block.attemptList.length === 0) return html`<p class="muted">Not started yet.</p>`;
  return html`<div class="scroll"><table class="attempts"><thead><tr><th scope="col">#</th><th scope="col">Result</th><th scope="col">Started</th><th scope="col">Took</th><th scope="col">Score${block.threshold ? ` (${block.threshold.metric})` : ''}</th><th scope="col">Tokens in/out</th><th scope="col">Cost</th><th scope="col">Error</th></tr></thead><tbody>
${block.attemptList.map((a) => {
    const t = describeTime(a.startedAt);
    const took = describeSpan((a.endedAt ?? now).getTime() - a.startedAt.getTime());
    return html`<tr><td>${a.attempt}</td><td>${a.status}</td><td><time datetime="${t.iso}">${t.text.slice(11)}</time></td><td>${took}${a.endedAt ? '' : ' so far'}</td><td>${describeScore(a.score, block.threshold)}</td><td>${a.inputTokens.toLocaleString('en')} / ${a.outputTokens.toLocaleString('en')}</td><td>$${a.costUsd.toFixed(4)}</td><td class="error">${a.error ?? ''}</td></tr>`;
  })}
</tbody></table></div>`;
}

function renderArtifacts(block: BlockDetailsView, runId: string, paths: WebPaths): SafeHtml {
  if (block.artifacts.length === 0) return html``;
  const keys = [...new Set(block.artifacts.map((a) => a.key))];
  const rows = keys.map((key) => {
    const versions = block.artifacts.filter((a) => a.key === key);
    const latest = versions[versions.length - 1]!;
    return html`<li><a href="${paths.artifact(runId, block.id, key, latest.attempt)}"><strong>${key}</strong></a> <span class="muted">${latest.format} · ${describeBytes(latest.sizeBytes)} · attempt ${latest.attempt}</span>
${versions.length > 1 ? html` · earlier: ${versions.slice(0, -1).map((v, i) => html`${i ? ', ' : ''}<a href="${paths.artifact(runId, block.id, key, v.attempt)}">#${v.attempt}</a>`)}` : ''}
 · <a href="${paths.artifact(runId, block.id, key, latest.attempt, 'raw')}" download>raw</a></li>`;
  });
  return html`<h4>Artifacts</h4><ul class="artifacts">${rows}</ul>`;
}

function renderDiffLinks(block: BlockDetailsView, runId: string, paths: WebPaths): SafeHtml {
  const attempts = [...new Set(block.artifacts.map((a) => a.attempt))].sort((a, b) => a - b);
  if (attempts.length < 2) return html``;
  const pairs = attempts.slice(1).map((to, i) => ({ from: attempts[i]!, to }));
  return html`<p class="diffs">What changed: ${pairs.map((p, i) => html`${i ? ' · ' : ''}<a href="${paths.diff(runId, block.id, p.from, p.to)}">attempt ${p.from} → ${p.to}</a>`)}</p>`;
}

/** Every block by wave: status, attempts with timing, score against threshold, usage, artifacts and diffs. */
export function renderBlocksSection(details: RunDetailsView, paths: WebPaths, now: Date): SafeHtml {
  const byId = new Map(details.blocks.map((b) => [b.id, b]));
  const waves = details.waves.map((wave, i) => {
    const blocks = wave.map((id) => byId.get(id)).filter((b): b is BlockDetailsView => b !== undefined);
    return html`<h3 class="wave">Wave ${i + 1}${blocks[0]?.layer ? html` <span class="muted">${[...new Set(blocks.map((b) => b.layer).filter(Boolean))].join(' · ')}</span>` : ''}</h3>
${blocks.map((b) => html`<details class="block" id="block-${b.id}" data-block-row="${b.id}"${b.status === 'failed' || b.status === 'waiting' ? ' open' : ''}>
<summary><span class="badge st-${b.status}" data-block="${b.id}"><span data-icon>${BLOCK_ICONS[b.status]}</span> <span data-status>${b.status}</span></span> <strong>${b.name}</strong> <span class="muted">${b.id}${b.parallelGroup ? ` · ${b.parallelGroup}` : ''} · ${b.runtime}${b.humanGate !== 'none' ? ` · ◆ gate ${b.humanGate}` : ''} · <span data-attempts>${b.attempts}</span> attempt(s)${details.criticalPath.includes(b.id) ? ' · critical path' : ''}</span></summary>
<div class="block-body">
${b.error ? html`<p class="error">${b.error}</p>` : ''}
${b.depends.length ? html`<p class="muted">Reads from: ${b.depends.map((d, i) => html`${i ? ', ' : ''}<a href="#block-${d}">${d}</a>`)}</p>` : ''}
${renderAttempts(b, now)}
${renderArtifacts(b, details.run.id, paths)}
${renderDiffLinks(b, details.run.id, paths)}
</div>
</details>`)}`;
  });
  return html`<section aria-labelledby="blocks-title" class="panel" id="blocks"><h2 id="blocks-title">Blocks</h2>${waves}</section>`;
}
