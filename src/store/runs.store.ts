import type { Selectable } from 'kysely';
import type { Actor } from '../domain/actor';
import type { RunOrigin, RunRecord } from '../domain/records';
import type { Autonomy, RunStatus } from '../domain/statuses';
import type { Priority } from '../domain/views';
import type { Template } from '../schema/template';
import type { Queryable, RunsTable } from './db-schema';
import { cachedTemplate, hasCachedTemplate, rememberTemplate } from './run-template-cache';
import { parseActor, parseObject, parseOrigin, toJson, toJsonOrNull } from './json-columns';

export interface NewRun {
  /** The validated template; stored as a snapshot so later edits never change this run. */
  template: Template;
  name: string;
  params: Record<string, unknown>;
  autonomy: Record<string, Autonomy>;
  simulate: boolean;
  seed: string;
  createdBy: Actor;
  origin?: RunOrigin | null;
  /** Default medium. */
  priority?: Priority;
}

/** The one place a runs row becomes a RunRecord. */
export function toRunRecord(row: Selectable<RunsTable>): RunRecord {
  const creator = parseActor(row.created_by, `run ${row.id} created_by`);
  return {
    id: row.id,
    templateId: row.template_id,
    templateVersion: row.template_version,
    // Validated when the run was created and never written since; not parsed again.
    template: row.template as Template,
    name: row.name,
    status: row.status as RunStatus,
    params: parseObject(row.params, `run ${row.id} params`),
    autonomy: parseObject(row.autonomy, `run ${row.id} autonomy`) as Record<string, Autonomy>,
    simulate: row.simulate,
    seed: row.seed,
    createdBy: creator.name,
    creator,
    origin: parseOrigin(row.origin),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    priority: row.priority as Priority,
  };
}

/** Creates a run in status `running`. Its blocks are inserted separately (insertBlockRuns). */
export async function insertRun(db: Queryable, run: NewRun, now: Date): Promise<RunRecord> {
  const row = await db
    .insertInto('runs')
    .values({
      template_id: run.template.id,
      template_version: run.template.version === undefined ? null : String(run.template.version),
      template: toJson(run.template),
      name: run.name,
      status: 'running',
      params: toJson(run.params),
      autonomy: toJson(run.autonomy),
      simulate: run.simulate,
      seed: run.seed,
      created_by: toJson(run.createdBy),
      origin: toJsonOrNull(run.origin),
      priority: run.priority ?? 'medium',
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const created = toRunRecord(row);
  rememberTemplate(db, created.id, created.templateId, created.createdAt, created.template);
  return created;
}

export async function getRun(db: Queryable, runId: string): Promise<RunRecord | undefined> {
  return readRun(db, runId, false);
}

/**
 * Loads the run and locks its row until the transaction ends. Every engine pass over a run takes
 * this lock first, so two replicas (a decision and a finished block) never act on the same stale
 * snapshot.
 */
export async function getRunForUpdate(trx: Queryable, runId: string): Promise<RunRecord | undefined> {
  return readRun(trx, runId, true);
}

// Every column but `template`: the compiler checks that the row read with it is a whole row.
const ALL_BUT_TEMPLATE = [
  'id', 'template_id', 'template_version', 'name', 'status', 'params', 'autonomy', 'simulate', 'seed',
  'created_by', 'origin', 'created_at', 'updated_at', 'ended_at', 'end_reason', 'priority',
] as const;

/** Reads a run row; once its template snapshot is cached (run-template-cache), without that column. */
async function readRun(db: Queryable, runId: string, lock: boolean): Promise<RunRecord | undefined> {
  if (hasCachedTemplate(db, runId)) {
    const query = db.selectFrom('runs').select(ALL_BUT_TEMPLATE).where('id', '=', runId);
    const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
    if (!row) return undefined;
    const template = cachedTemplate(db, runId, row.template_id, row.created_at);
    if (template) return toRunRecord({ ...row, template });
  }
  const query = db.selectFrom('runs').selectAll().where('id', '=', runId);
  const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!row) return undefined;
  const run = toRunRecord(row);
  rememberTemplate(db, run.id, run.templateId, run.createdAt, run.template);
  return run;
}

/** Runs still running, oldest first. */
export async function listActiveRuns(db: Queryable, opts: { limit?: number } = {}): Promise<RunRecord[]> {
  const rows = await db.selectFrom('runs').selectAll().where('status', '=', 'running').orderBy('id').limit(opts.limit ?? 100).execute();
  return rows.map(toRunRecord);
}

/** Recent runs, newest first, optionally of one template or status. */
export async function listRuns(db: Queryable, opts: { templateId?: string; status?: RunStatus; limit?: number } = {}): Promise<RunRecord[]> {
  let query = db.selectFrom('runs').selectAll();
  if (opts.templateId) query = query.where('template_id', '=', opts.templateId);
  if (opts.status) query = query.where('status', '=', opts.status);
  const rows = await query.orderBy('id', 'desc').limit(opts.limit ?? 50).execute();
  return rows.map(toRunRecord);
}

/**
 * Ends a running run (completed, failed or cancelled). Only a running run changes: ending is
 * final, so a late "fail" cannot overwrite a cancellation. Returns undefined when the run is not
 * running (or does not exist).
 */
export async function endRun(
  db: Queryable,
  runId: string,
  change: { status: Exclude<RunStatus, 'running'>; now: Date; reason?: string | null },
): Promise<RunRecord | undefined> {
  const row = await db
    .updateTable('runs')
    .set({ status: change.status, ended_at: change.now, updated_at: change.now, end_reason: change.reason ?? null })
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();
  return row && toRunRecord(row);
}

/** Replaces the run's autonomy overrides (they live on the run, never in the template). */
export async function setRunAutonomy(db: Queryable, runId: string, autonomy: Record<string, Autonomy>, now: Date): Promise<RunRecord | undefined> {
  const row = await db
    .updateTable('runs')
    .set({ autonomy: toJson(autonomy), updated_at: now })
    .where('id', '=', runId)
    .returningAll()
    .executeTakeFirst();
  return row && toRunRecord(row);
}

/** Bumps updated_at (any change to the run's blocks or gates), for "last activity". */
export async function touchRun(db: Queryable, runId: string, now: Date): Promise<void> {
  await db.updateTable('runs').set({ updated_at: now }).where('id', '=', runId).execute();
}

/** Changes a run's priority; its pending gates follow (see setPendingGatePriority). */
export async function setRunPriority(db: Queryable, runId: string, priority: Priority, now: Date): Promise<RunRecord | undefined> {
  const row = await db.updateTable('runs').set({ priority, updated_at: now }).where('id', '=', runId).returningAll().executeTakeFirst();
  return row && toRunRecord(row);
}
