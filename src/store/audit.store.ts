import type { Insertable, Selectable } from 'kysely';
import type { Actor } from '../domain/actor';
import type { AuditEntry } from '../domain/records';
import type { Platform } from '../domain/statuses';
import type { AuditLogTable, Queryable } from './db-schema';
import { eventsFromAudit, type AuditFacts } from '../domain/event-from-audit';
import { recordEvents } from './events.store';
import { parseOptionalObject, toJsonOrNull } from './json-columns';
import { flushQueuedWrites, queueAuditRow } from './queued-writes';

/** The one place an audit_log row becomes an AuditEntry. */
export function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    runId: row.run_id,
    gateId: row.gate_id,
    actor: { type: row.actor_type as Actor['type'], id: row.actor_id, name: row.actor_name, platform: row.platform as Platform },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    changes: parseOptionalObject(row.changes, `audit ${row.id} changes`),
    metadata: parseOptionalObject(row.metadata, `audit ${row.id} metadata`),
  };
}

/** An audit row to append: the domain's AuditFacts (its `action` is dotted, e.g. "gate.approved"). */
export type NewAuditEntry = AuditFacts;

/**
 * Appends one entry, in the caller's transaction with the change it records. The table is
 * append-only: the database refuses UPDATE, DELETE and TRUNCATE, so a correction is a new entry.
 */
export async function appendAudit(db: Queryable, entry: NewAuditEntry): Promise<AuditEntry> {
  await flushQueuedWrites(db);
  const row = await db.insertInto('audit_log').values(auditRow(entry)).returningAll().executeTakeFirstOrThrow();
  // The event log (SSE, webhooks, MCP) follows the audit log, in the same transaction.
  await recordEvents(db, eventsFromAudit(entry));
  return toAuditEntry(row);
}

/**
 * Like appendAudit, for callers that need no row back: in a transaction opened with
 * `transaction()` the row is queued and written with the others in one INSERT before COMMIT.
 */
export async function recordAudit(db: Queryable, entry: NewAuditEntry): Promise<void> {
  if (!queueAuditRow(db, auditRow(entry))) await db.insertInto('audit_log').values(auditRow(entry)).execute();
  await recordEvents(db, eventsFromAudit(entry));
}

function auditRow(entry: NewAuditEntry): Insertable<AuditLogTable> {
  return {
    at: entry.at,
    run_id: entry.runId ?? null,
    gate_id: entry.gateId ?? null,
    actor_type: entry.actor.type,
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    platform: entry.actor.platform,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    changes: toJsonOrNull(entry.changes),
    metadata: toJsonOrNull(entry.metadata),
  };
}

/** A run's audit trail: the latest `limit` entries, oldest first. */
export async function listAuditForRun(db: Queryable, runId: string, opts: { limit?: number } = {}): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 100)
    .execute();
  return rows.reverse().map(toAuditEntry);
}
