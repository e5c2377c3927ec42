/**
 * Keyset pages for the REST API: newest first, a page ends where the next begins (`before` is the
 * last id seen), so inserts between two requests never shift or repeat items.
 */
import type { AuditEntry, RunRecord } from '../domain/records';
import type { RunStatus } from '../domain/statuses';
import { toAuditEntry } from './audit.store';
import type { Queryable } from './db-schema';
import { toRunRecord } from './runs.store';

export interface Page<T> {
  items: T[];
  /** The `before` of the next page; null when this was the last. */
  next: string | null;
}

function pageOf<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1]!.id : null };
}

export async function listRunsPage(db: Queryable, opts: { status?: RunStatus; templateId?: string; before?: string; limit: number }): Promise<Page<RunRecord>> {
  let query = db.selectFrom('runs').selectAll();
  if (opts.status) query = query.where('status', '=', opts.status);
  if (opts.templateId) query = query.where('template_id', '=', opts.templateId);
  if (opts.before) query = query.where('id', '<', opts.before);
  const rows = await query.orderBy('id', 'desc').limit(opts.limit + 1).execute();
  return pageOf(rows.map(toRunRecord), opts.limit);
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  runId?: string;
  /** The actor's platform-scoped id ("token:3", a Slack user id). */
  actorId?: string;
  since?: Date;
  before?: string;
  limit: number;
}

export async function listAuditPage(db: Queryable, filter: AuditFilter): Promise<Page<AuditEntry>> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.runId) query = query.where('run_id', '=', filter.runId);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.since) query = query.where('at', '>=', filter.since);
  if (filter.before) query = query.where('id', '<', filter.before);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit + 1).execute();
  return pageOf(rows.map(toAuditEntry), filter.limit);
}

export interface ArtifactMeta {
  blockId: string;
  attempt: number;
  key: string;
  format: string;
  sizeBytes: number | null;
  checksum: string | null;
  location: string | null;
  createdAt: Date;
}

/** Every artifact of a run, without content. */
export async function listArtifactMeta(db: Queryable, runId: string): Promise<ArtifactMeta[]> {
  const rows = await db
    .selectFrom('artifacts')
    .select(['block_id', 'attempt', 'key', 'format', 'size_bytes', 'checksum', 'location', 'created_at'])
    .where('run_id', '=', runId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ blockId: r.block_id, attempt: r.attempt, key: r.key, format: r.format, sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes), checksum: r.checksum, location: r.location, createdAt: r.created_at }));
}

export interface AttemptMeta {
  blockId: string;
  attempt: number;
  status: string;
  worker: string;
  startedAt: Date;
  endedAt: Date | null;
}

/** Every attempt of every block of a run, in order. */
export async function listAttemptsOfRun(db: Queryable, runId: string): Promise<AttemptMeta[]> {
  const rows = await db
    .selectFrom('block_attempts')
    .innerJoin('block_runs', 'block_runs.id', 'block_attempts.block_run_id')
    .select(['block_runs.block_id', 'block_attempts.attempt', 'block_attempts.status', 'block_attempts.worker', 'block_attempts.started_at', 'block_attempts.ended_at'])
    .where('block_runs.run_id', '=', runId)
    .orderBy('block_attempts.id')
    .execute();
  return rows.map((r) => ({ blockId: r.block_id, attempt: r.attempt, status: r.status, worker: r.worker, startedAt: r.started_at, endedAt: r.ended_at }));
}
