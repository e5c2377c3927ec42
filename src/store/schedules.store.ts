import { sql, type Selectable, type Transaction } from 'kysely';
import type { DB, Queryable, SchedulesTable } from './db-schema';

export interface ScheduleRecord {
  templateId: string;
  cron: string;
  timezone: string | null;
  paused: boolean;
  nextFireAt: Date | null;
  lastFiredAt: Date | null;
}

/** The one place a schedules row becomes a ScheduleRecord. */
export function toScheduleRecord(row: Selectable<SchedulesTable>): ScheduleRecord {
  return {
    templateId: row.template_id,
    cron: row.cron,
    timezone: row.timezone,
    paused: row.paused,
    nextFireAt: row.next_fire_at,
    lastFiredAt: row.last_fired_at,
  };
}

/**
 * Declares a template's schedule (at boot, from its trigger). `nextFireAt` is used for a new
 * schedule or a changed cron/timezone; an unchanged schedule keeps its pending next fire, so a
 * fire that came due while the process was down is not skipped. Paused stays as it was.
 */
export async function upsertSchedule(
  db: Queryable,
  schedule: { templateId: string; cron: string; timezone?: string | null; nextFireAt: Date | null },
): Promise<ScheduleRecord> {
  const row = await db
    .insertInto('schedules')
    .values({ template_id: schedule.templateId, cron: schedule.cron, timezone: schedule.timezone ?? null, next_fire_at: schedule.nextFireAt })
    .onConflict((oc) =>
      oc.column('template_id').doUpdateSet({
        cron: (eb) => eb.ref('excluded.cron'),
        timezone: (eb) => eb.ref('excluded.timezone'),
        next_fire_at: sql<Date | null>`case
          when schedules.cron is distinct from excluded.cron or schedules.timezone is distinct from excluded.timezone
            then excluded.next_fire_at
          else coalesce(schedules.next_fire_at, excluded.next_fire_at) end`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toScheduleRecord(row);
}

export async function getSchedule(db: Queryable, templateId: string): Promise<ScheduleRecord | undefined> {
  const row = await db.selectFrom('schedules').selectAll().where('template_id', '=', templateId).executeTakeFirst();
  return row && toScheduleRecord(row);
}

export async function listSchedules(db: Queryable): Promise<ScheduleRecord[]> {
  const rows = await db.selectFrom('schedules').selectAll().orderBy('template_id').execute();
  return rows.map(toScheduleRecord);
}

/** Unpaused schedules due at `now`, locked for the caller's transaction (SKIP LOCKED). */
export async function listDueSchedules(trx: Transaction<DB>, opts: { now: Date; limit?: number }): Promise<ScheduleRecord[]> {
  const rows = await trx
    .selectFrom('schedules')
    .selectAll()
    .where('paused', '=', false)
    .where('next_fire_at', '<=', opts.now)
    .orderBy('next_fire_at')
    .limit(opts.limit ?? 20)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(toScheduleRecord);
}

/**
 * Records one fire of a schedule and moves it to its next fire. True only for the caller that
 * recorded this (template, fireAt): that caller starts the run; a second one starts nothing.
 */
export async function recordScheduleFire(db: Queryable, fire: { templateId: string; fireAt: Date; nextFireAt: Date | null; now: Date }): Promise<boolean> {
  const row = await db
    .insertInto('schedule_fires')
    .values({ template_id: fire.templateId, fire_at: fire.fireAt, created_at: fire.now })
    .onConflict((oc) => oc.columns(['template_id', 'fire_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) {
    await db
      .updateTable('schedules')
      .set({ last_fired_at: sql<Date>`greatest(coalesce(last_fired_at, ${fire.fireAt}), ${fire.fireAt})` })
      .where('template_id', '=', fire.templateId)
      .execute();
  }
  // Whoever gets here first moves the schedule on; never backwards.
  await db
    .updateTable('schedules')
    .set({ next_fire_at: fire.nextFireAt })
    .where('template_id', '=', fire.templateId)
    .where((eb) => eb.or([eb('next_fire_at', 'is', null), eb('next_fire_at', '<=', fire.fireAt)]))
    .execute();
  return row !== undefined;
}

/** Links a fire to the run it started. */
export async function setScheduleFireRun(db: Queryable, fire: { templateId: string; fireAt: Date; runId: string }): Promise<void> {
  await db.updateTable('schedule_fires').set({ run_id: fire.runId }).where('template_id', '=', fire.templateId).where('fire_at', '=', fire.fireAt).execute();
}

export async function setSchedulePaused(db: Queryable, templateId: string, paused: boolean): Promise<ScheduleRecord | undefined> {
  const row = await db.updateTable('schedules').set({ paused }).where('template_id', '=', templateId).returningAll().executeTakeFirst();
  return row && toScheduleRecord(row);
}
