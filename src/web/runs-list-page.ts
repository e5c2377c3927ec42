import type { RunStatus } from '../domain/statuses';
import type { RunListRow } from '../runner/run-details';
import { describeSlaLeft } from './gates-section';
import { html } from './html';
import { renderPage } from './page-shell';
import { describeSpan, describeTime } from './status-words';
import type { WebPaths } from './web-paths';

export const RUN_STATUSES: readonly RunStatus[] = ['running', 'completed', 'failed', 'cancelled'];

/** Active and recent runs with progress and the gates waiting in each; filters by template and status. */
export function renderRunsListPage(rows: RunListRow[], opts: { now: Date; paths: WebPaths; templates: Array<{ id: string; name: string }>; filter: { template?: string; status?: string }; token: string }): string {
  const { now, paths, filter } = opts;
  const active = rows.filter((r) => r.status === 'running');
  const recent = rows.filter((r) => r.status !== 'running');
  const table = (list: RunListRow[], caption: string) => html`<section class="panel"><h2>${caption} <span class="count">${list.length}</span></h2>
${list.length === 0 ? html`<p class="muted">None.</p>` : html`<div class="scroll"><table class="runs"><thead><tr><th scope="col">Run</th><th scope="col">Template</th><th scope="col">Status</th><th scope="col">Progress</th><th scope="col">Waiting on people</th><th scope="col">Started</th></tr></thead><tbody>
${list.map((r) => {
      const t = describeTime(r.createdAt);
      return html`<tr><td><a href="${paths.run(r.id)}">${r.name}</a>${r.simulate ? html` <span class="tag">sim</span>` : ''}</td><td>${r.templateName}</td><td><span class="badge run-${r.status}">${r.status}</span></td><td><progress max="${r.total}" value="${r.done}" aria-label="blocks finished"></progress> ${r.done}/${r.total}</td>
<td>${r.pendingGates.length === 0 ? html`<span class="muted">–</span>` : html`<ul class="plain">${r.pendingGates.map((g) => html`<li><a href="${paths.run(r.id)}#gate-${g.id}">${g.blockName}</a> <span class="muted">waiting ${describeSpan(now.getTime() - g.openedAt.getTime())} · SLA ${describeSlaLeft(g.deadlineAt, now)}</span></li>`)}</ul>`}</td>
<td><time datetime="${t.iso}">${t.text}</time></td></tr>`;
    })}</tbody></table></div>`}</section>`;
  const body = html`<header class="run-head"><h1>Runs</h1>
<form class="filters" method="get" action="/runs">
<input type="hidden" name="t" value="${opts.token}">
<label>Template <select name="template"><option value="">any</option>${opts.templates.map((t) => html`<option value="${t.id}"${filter.template === t.id ? ' selected' : ''}>${t.name}</option>`)}</select></label>
<label>Status <select name="status"><option value="">any</option>${RUN_STATUSES.map((s) => html`<option${filter.status === s ? ' selected' : ''}>${s}</option>`)}</select></label>
<button type="submit">Filter</button>
</form></header>
${table(active, 'Active')}
${table(recent, 'Recent')}`;
  return renderPage({ title: 'Runs', body });
}
