import type { Queryable } from './db-schema';

export interface ScheduleFireRecord {
  id: string;
  templateId: string;
  fireAt: Date;
  runId: string | null;
  createdAt: Date;
}

/** The fires of one schedule, oldest first ("did 06:00 start a run, and which?"). */
export async function listScheduleFires(db: Queryable, templateId: string): Promise<ScheduleFireRecord[]> {
  const rows = await db.selectFrom('schedule_fires').selectAll().where('template_id', '=', templateId).orderBy('fire_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, templateId: r.template_id, fireAt: r.fire_at, runId: r.run_id, createdAt: r.created_at }));
}

/**
 * Sets when a schedule fires next; null stops it (its template is gone or lost its cron trigger).
 * A schedule that comes back is given a fresh next fire by `upsertSchedule` at the next start.
 */
export async function setScheduleNextFire(db: Queryable, templateId: string, nextFireAt: Date | null): Promise<void> {
  await db.updateTable('schedules').set({ next_fire_at: nextFireAt }).where('template_id', '=', templateId).execute();
}

/** Paused schedules whose next fire has passed: they skip it rather than owe it (see ScheduledRuns). */
export async function listPausedSchedulesPastDue(db: Queryable, now: Date): Promise<Array<{ templateId: string; cron: string; timezone: string | null }>> {
  const rows = await db.selectFrom('schedules').select(['template_id', 'cron', 'timezone']).where('paused', '=', true).where('next_fire_at', '<=', now).execute();
  return rows.map((r) => ({ templateId: r.template_id, cron: r.cron, timezone: r.timezone }));
}
