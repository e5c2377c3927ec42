import type { RunDetailsView } from '../domain/run-details-view';
import { html, type SafeHtml } from './html';
import { describeTime } from './status-words';

interface TimelineEntry {
  at: Date;
  who: string;
  via: string;
  what: string;
  detail: string | null;
  kind: 'audit' | 'escalation';
}

/** Audit rows and fired ladder steps, merged in time order. */
export function buildTimeline(details: RunDetailsView): TimelineEntry[] {
  const blockOfGate = new Map(details.gates.map((g) => [g.id, g.blockName]));
  const entries: TimelineEntry[] = details.audit.map((e) => ({
    at: e.at,
    who: `${e.actor.name} (${e.actor.type})`,
    via: e.actor.platform,
    what: `${e.action} · ${e.entity.type} ${e.entity.id}${e.from || e.to ? ` · ${e.from ?? '–'} → ${e.to ?? '–'}` : ''}`,
    detail: e.reason ?? null,
    kind: 'audit',
  }));
  for (const s of details.escalations) {
    entries.push({ at: s.firedAt, who: 'escalation ladder', via: 'system', what: `step ${s.level}: ${s.action} · gate ${s.gateId} (${blockOfGate.get(s.gateId) ?? '?'})`, detail: null, kind: 'escalation' });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Who decided what, when, from where, and which escalation steps were sent. */
export function renderAuditSection(details: RunDetailsView): SafeHtml {
  const entries = buildTimeline(details);
  return html`<section aria-labelledby="audit-title" class="panel" id="audit">
<h2 id="audit-title">Audit timeline <span class="count">${entries.length}</span></h2>
<ol class="timeline">${entries.map((e) => {
    const t = describeTime(e.at);
    return html`<li class="${e.kind}"><time datetime="${t.iso}">${t.text}</time> <span class="who">${e.who}</span> <span class="via">via ${e.via}</span> <span class="what">${e.what}</span>${e.detail ? html`<blockquote>${e.detail}</blockquote>` : ''}</li>`;
  })}</ol>
</section>`;
}
