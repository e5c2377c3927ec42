import type { RunDetailsView } from '../domain/run-details-view';
import { renderAuditSection } from './audit-section';
import { renderBlocksSection } from './blocks-section';
import { renderGatesSection } from './gates-section';
import { html } from './html';
import { renderPage } from './page-shell';
import { renderGraph } from './render-graph';
import { buildRunState } from './run-state';
import { describeSpan, describeTime } from './status-words';
import type { WebPaths } from './web-paths';

export interface RunPageOptions {
  now: Date;
  paths: WebPaths;
  /** Whether the link may see the list of runs (a list link, not a one-run link). */
  canListRuns: boolean;
  discordGuildId?: string;
}

/** The run page: header, gates waiting on people, the DAG, every block, the audit timeline. */
export function renderRunPage(details: RunDetailsView, opts: RunPageOptions): string {
  const { run } = details;
  const { now, paths } = opts;
  const state = buildRunState(details, now);
  const started = describeTime(run.createdAt);
  const elapsed = describeSpan((run.endedAt ?? now).getTime() - run.createdAt.getTime());
  const percent = state.total ? Math.round((state.done / state.total) * 100) : 0;
  const body = html`<header class="run-head">
${opts.canListRuns ? html`<nav><a href="${paths.runs()}">← All runs</a></nav>` : ''}
<h1>${run.name}${run.simulate ? html` <span class="tag">simulation</span>` : ''} <span class="badge run-${run.status}" data-run-status>${run.status}</span></h1>
<p class="muted">Run #${run.id} of <strong>${run.templateName}</strong> (${run.templateId}) · started by ${run.createdBy} <time datetime="${started.iso}">${started.text}</time> · ${run.endedAt ? 'took' : 'running for'} ${elapsed}</p>
<progress class="progress" max="${state.total}" value="${state.done}" aria-label="Blocks finished" data-progress>${percent}%</progress>
<p class="facts"><span data-progress-text>${state.done}/${state.total} blocks done</span> · ${run.usage.inputTokens.toLocaleString('en')} tokens in, ${run.usage.outputTokens.toLocaleString('en')} out · $${run.usage.costUsd.toFixed(4)}${run.endReason ? html` · ${run.endReason}` : ''}</p>
<p class="live" data-live-note aria-live="polite"></p>
</header>
${renderGatesSection(details, paths, now, { discordGuildId: opts.discordGuildId })}
<section aria-labelledby="dag-title" class="panel" id="dag">
<h2 id="dag-title">Pipeline</h2>
<p class="legend muted"><span class="key st-done">✓ done</span> <span class="key st-running">▶ running</span> <span class="key st-waiting">◐ waiting</span> <span class="key st-failed">✗ failed</span> <span class="key st-pending">· pending</span> · ◆ human gate · <span class="crit-key">━</span> critical path</p>
<div class="dag-scroll" tabindex="0" aria-label="Pipeline graph, scrollable">${renderGraph(details)}</div>
</section>
${renderBlocksSection(details, paths, now)}
${renderAuditSection(details)}`;
  return renderPage({ title: run.name, body, live: { stateUrl: paths.state(run.id), version: state.version } });
}
