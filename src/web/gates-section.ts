import type { RunDetailsView } from '../domain/run-details-view';
import { chatCardLink } from './chat-card-link';
import { html, type SafeHtml } from './html';
import { describeSpan, describeTime } from './status-words';
import type { WebPaths } from './web-paths';

/** "SLA: 3h 10m left", "SLA: 20m overdue", "no SLA". */
export function describeSlaLeft(deadlineAt: Date | null, now: Date): string {
  if (!deadlineAt) return 'no SLA';
  const left = deadlineAt.getTime() - now.getTime();
  return left >= 0 ? `${describeSpan(left)} left` : `${describeSpan(-left)} overdue`;
}

/** The gates waiting on people: age, SLA left, escalation, and the way back to the chat card. */
export function renderGatesSection(details: RunDetailsView, paths: WebPaths, now: Date, opts: { discordGuildId?: string }): SafeHtml {
  const pending = details.gates.filter((g) => g.status === 'pending');
  const items = pending.map((g) => {
    const block = details.blocks.find((b) => b.id === g.blockId);
    const cards = details.chatCards.filter((c) => c.gateId === g.id);
    const links = cards.map((c) => ({ platform: c.platform, url: chatCardLink(c, opts) })).filter((l): l is { platform: string; url: string } => l.url !== null);
    const overdue = g.deadlineAt !== null && g.deadlineAt.getTime() < now.getTime();
    const opened = describeTime(g.openedAt);
    const latest = block?.artifacts.filter((a) => a.attempt === g.attempt) ?? [];
    return html`<li class="gate${overdue ? ' overdue' : ''}" id="gate-${g.id}" data-gate="${g.id}">
<div class="gate-head"><span class="badge st-waiting">◆ ${g.kind}</span> <a href="#block-${g.blockId}"><strong>${g.blockName}</strong></a> <span class="muted">gate #${g.id} · ${g.position} · attempt ${g.attempt} · ${g.priority}</span></div>
<div class="gate-facts"><span>waiting <time datetime="${opened.iso}" title="${opened.text}">${describeSpan(now.getTime() - g.openedAt.getTime())}</time></span> · <span class="${overdue ? 'late' : ''}">SLA ${describeSlaLeft(g.deadlineAt, now)}</span> · <span>escalation level ${g.escalationLevel}</span>${g.claimedBy ? html` · <span>claimed by ${g.claimedBy.name}</span>` : ''}</div>
${g.question ? html`<p class="question">${g.question}</p>` : ''}
${latest.length ? html`<div class="gate-artifacts">Review: ${latest.map((a, i) => html`${i ? ', ' : ''}<a href="${paths.artifact(details.run.id, a.blockId, a.key, a.attempt)}">${a.key}</a>`)}</div>` : ''}
<div class="gate-decide">Decide on the card in chat${links.length ? html`: ${links.map((l, i) => html`${i ? ' · ' : ''}<a href="${l.url}" rel="noreferrer">open the ${l.platform} card</a>`)}` : ''}, or with <code>/factory approve ${g.id}</code> / <code>/factory reject ${g.id} &lt;reason&gt;</code>.</div>
</li>`;
  });
  return html`<section aria-labelledby="gates-title" class="panel" id="gates">
<h2 id="gates-title">Waiting on people <span class="count" data-gate-count>${pending.length}</span></h2>
${pending.length ? html`<ul class="gates">${items}</ul>` : html`<p class="muted">No gate is waiting.</p>`}
</section>`;
}
