import type { Card } from '../domain/card';
import type { AuditEntryView } from '../domain/views';
import type { CardContext } from './card-context';
import { liveClock } from './relative-time';
import { describePlatform, truncateText } from './text-format';

/** Audit rows shown on one card; older ones are counted in the footer. */
export const MAX_AUDIT_ENTRIES = 20;

/** "14:02 UTC · Ana (Slack) · gate.approved · Expert framework · pending → approved: <reason>". */
export function describeAuditEntry(e: AuditEntryView, now: Date): string {
  const who = e.actor.type === 'human' ? `**${e.actor.name}** (${describePlatform(e.actor.platform)})` : `**${e.actor.name}** (${e.actor.type})`;
  const what = e.entity.label ?? `${e.entity.type} ${e.entity.id}`;
  const change = e.from || e.to ? ` · ${e.from ?? '∅'} → ${e.to ?? '∅'}` : '';
  const why = e.reason ? `: ${truncateText(e.reason, 140)}` : '';
  return `${liveClock(e.at, now)} · ${who} · ${e.action} · ${what}${change}${why}`;
}

/** Who decided what, when and from where; newest first. */
export function buildAuditCard(entries: readonly AuditEntryView[], ctx: CardContext, options: { title?: string } = {}): Card {
  const sorted = [...entries].sort((a, b) => b.at.getTime() - a.at.getTime());
  const shown = sorted.slice(0, MAX_AUDIT_ENTRIES);
  const hidden = sorted.length - shown.length;
  const title = options.title ?? 'Audit log';
  return {
    kind: 'audit',
    title,
    summary: `${title}: ${entries.length} entries`,
    tone: 'neutral',
    ...(entries.length === 0 ? { description: 'Nothing recorded yet.' } : {}),
    sections: shown.length > 0 ? [{ text: shown.map((e) => describeAuditEntry(e, ctx.now)).join('\n') }] : [],
    ...(hidden > 0 ? { footer: `+${hidden} older entries not shown` } : {}),
    timestamp: ctx.now,
  };
}
