/** Reads the outbox and the audit log back as short, exact lines a test can compare. */
import type { Card } from '../../../src/domain/card';
import { parseCard } from '../../../src/store/json-columns';
import type { Queryable } from '../../../src/store/db-schema';
import { CHANNEL_NAMES } from './escalation-fixtures';

function offset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  return `${sign}${h}h${String(m).padStart(2, '0')}`;
}

function where(kind: string, platform: string | null, target: unknown, subject: string): string {
  const t = (target ?? {}) as Record<string, string>;
  if (kind === 'update') return `update ${subject.replace(/\d+/g, 'N')} ${platform}`;
  if (kind === 'page') return `page ${t.severity}`;
  if (kind === 'dm') return `dm ${platform}:${t.userId}`;
  if (t.type === 'run-thread') return `post ${platform}:run-thread`;
  return `post ${platform}:${CHANNEL_NAMES[t.channelId ?? ''] ?? t.channelId}`;
}

/** "reminder(level 3 · SLA warning) [@here]", "gate(pending, level 2 · channel mention)", "gate(Expired)". */
function describeCard(card: Card): string {
  const mentions = card.mentions?.length ? ` [${card.mentions.join(' ')}]` : '';
  const level = card.fields?.find((f) => f.label === 'Escalation')?.value;
  const verb = card.title.split(/[:·]/)[0]!.trim();
  return `${card.kind}(${[verb, level].filter(Boolean).join(', ')})${mentions}`;
}

/**
 * The outbox rows of one gate created after `since`, in order, as
 * "+4h00 post discord:alerts reminder:Escalated [@everyone role:…]" relative to `openedAt`.
 * Only rows about the gate (its card, reminders, page) and its run's thread are included.
 */
export async function gateTimeline(db: Queryable, gate: { id: string; runId: string; openedAt: Date }, since: Date = gate.openedAt): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('created_at', '>', since)
    .where((eb) => eb.or([eb('subject', 'like', `gate:${gate.id}%`), eb('subject', 'like', `run:${gate.runId}:gate:${gate.id}:%`)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => `${offset(r.created_at.getTime() - gate.openedAt.getTime())} ${where(r.kind, r.platform, r.target, r.subject)} ${describeCard(parseCard(r.payload))}`);
}

/** Audit actions of one gate after its opening, with their level/action metadata when present. */
export async function gateAudit(db: Queryable, gate: { id: string; openedAt: Date }): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('gate_id', '=', gate.id).orderBy('id').execute();
  return rows.map((r) => {
    const meta = (r.metadata ?? {}) as Record<string, unknown>;
    const detail = r.action === 'gate.escalated' ? ` ${String(meta.level)}:${String(meta.action)}` : '';
    return `${offset(r.at.getTime() - gate.openedAt.getTime())} ${r.action}${detail} by ${r.actor_name}`;
  });
}
