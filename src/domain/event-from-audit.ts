import type { Actor } from './actor';
import type { EventType } from './event-catalog';

/** What an audit entry says: the store appends it as a row, and events are derived from it. */
export interface AuditFacts {
  at: Date;
  actor: Actor;
  /** Dotted action, e.g. "gate.approved", "run.cancelled". */
  action: string;
  entityType: string;
  entityId: string;
  runId?: string | null;
  gateId?: string | null;
  changes?: { from?: unknown; to?: unknown } | null;
  metadata?: Record<string, unknown> | null;
}

export interface EventDraft {
  type: EventType;
  at: Date;
  runId: string | null;
  gateId: string | null;
  data: Record<string, unknown>;
}

// Audit action -> event type. Actions without an entry (snoozes, flags, schedule pauses) are
// chat bookkeeping that no program has asked to follow.
const BY_ACTION: Record<string, EventType> = {
  'run.created': 'run.created',
  'run.completed': 'run.completed',
  'run.failed': 'run.failed',
  'run.cancelled': 'run.cancelled',
  'block.start': 'block.started',
  'block.complete': 'block.completed',
  'block.fail': 'block.failed',
  'block.retry': 'block.retrying',
  'block.retried': 'block.retrying',
  'block.rework': 'block.rework',
  'block.skip': 'block.skipped',
  'block.block': 'block.blocked',
  'block.unblock': 'block.unblocked',
  'gate.opened': 'gate.pending',
  'gate.claimed': 'gate.claimed',
  'gate.approved': 'gate.decided',
  'gate.rejected': 'gate.decided',
  'gate.expired': 'gate.decided',
  'gate.timed_out': 'gate.decided',
  'gate.auto_approved': 'gate.decided',
  'gate.guided_approved': 'gate.decided',
  'gate.sla_breached': 'sla.breached',
};

// Metadata keys that never leave the audit log: run params may carry anything a person typed.
const PRIVATE_KEYS = new Set(['params', 'destinations', 'collapsed']);

/**
 * The events one audit entry stands for (none, or one). Pure: the store calls it next to the
 * audit insert, so the event commits or rolls back with the change.
 */
export function eventsFromAudit(entry: AuditFacts): EventDraft[] {
  const type = typeOf(entry);
  if (!type) return [];
  const details = Object.fromEntries(Object.entries(entry.metadata ?? {}).filter(([k]) => !PRIVATE_KEYS.has(k)));
  const data: Record<string, unknown> = {
    runId: entry.runId ?? null,
    ...(entry.gateId ? { gateId: entry.gateId } : {}),
    ...(entry.entityType === 'block' ? { blockId: entry.entityId } : {}),
    actor: { type: entry.actor.type, id: entry.actor.id, name: entry.actor.name, platform: entry.actor.platform },
    ...decisionOf(entry),
    ...(entry.changes ? { changes: entry.changes } : {}),
    ...(Object.keys(details).length ? { details } : {}),
  };
  return [{ type, at: entry.at, runId: entry.runId ?? null, gateId: entry.gateId ?? null, data }];
}

function typeOf(entry: AuditFacts): EventType | undefined {
  if (entry.action === 'gate.escalated') return entry.metadata?.action === 'warn' ? 'sla.warning' : 'gate.escalated';
  return BY_ACTION[entry.action];
}

function decisionOf(entry: AuditFacts): Record<string, unknown> {
  if (!entry.action.startsWith('gate.') || BY_ACTION[entry.action] !== 'gate.decided') return {};
  const to = entry.changes?.to;
  const status = typeof to === 'string' ? to : 'approved';
  const mode = entry.action === 'gate.auto_approved' ? 'auto' : entry.action === 'gate.guided_approved' ? 'guided' : 'gate';
  return { decision: status, mode };
}
