import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { ServiceContext } from '../runner/service-context';
import { appendAudit } from '../store/audit.store';
import type { DB } from '../store/db-schema';
import { withSavepoint } from '../store/savepoint';
import { setScheduleNextFire } from '../store/schedule-fires.store';
import { recordScheduleFire, setScheduleFireRun, type ScheduleRecord } from '../store/schedules.store';
import { latestFireAtOrBefore, nextFireAfter } from './fire-times';
import { SCHEDULE_ACTOR, startScheduledRun } from './start-scheduled-run';

export type ScheduleFireOutcome =
  | { type: 'started'; templateId: string; fireAt: Date; runId: string }
  /** Another scheduler (a replica, an earlier life of this process) already fired this time. */
  | { type: 'already-fired'; templateId: string; fireAt: Date }
  | { type: 'failed'; templateId: string; fireAt: Date; error: string }
  | { type: 'stopped'; templateId: string; reason: string };

/**
 * Fires one due schedule (its row locked by the caller) at `now`. Every fire missed while the
 * process was down collapses into one: the latest fire time at or before `now`. The fire is
 * recorded (unique per template and fire time, so only one scheduler starts the run), the run is
 * started, and the schedule moves to its next fire after `now`, all in the caller's transaction.
 * A run that cannot start (bad params) still spends its fire: the same failure would repeat on
 * every tick; it is logged and audited instead.
 */
export async function fireSchedule(ctx: ServiceContext, log: Logger, trx: Transaction<DB>, schedule: ScheduleRecord, now: Date): Promise<ScheduleFireOutcome> {
  const { templateId } = schedule;
  const template = ctx.catalog.list().find((t) => t.id === templateId);
  const latest = latestFireAtOrBefore(schedule.cron, schedule.timezone, now);
  const nextFireAt = nextFireAfter(schedule.cron, schedule.timezone, now);
  if (!template || template.trigger?.type !== 'cron' || !latest) {
    await setScheduleNextFire(trx, templateId, null);
    const reason = !latest ? `its cron "${schedule.cron}" (${schedule.timezone ?? 'UTC'}) cannot be read` : 'no template with a cron trigger has this id';
    log.warn({ template: templateId, reason }, 'a schedule was stopped');
    return { type: 'stopped', templateId, reason };
  }
  const firstMissed = schedule.nextFireAt;
  const fireAt = firstMissed && latest < firstMissed ? firstMissed : latest;
  const attempt = await withSavepoint(trx, 'fire_schedule', async () => {
    if (!(await recordScheduleFire(trx, { templateId, fireAt, nextFireAt, now }))) return null;
    const run = await startScheduledRun(ctx, trx, template, { cron: schedule.cron, timezone: schedule.timezone, fireAt, firstMissed }, now);
    await setScheduleFireRun(trx, { templateId, fireAt, runId: run.id });
    return run;
  });
  if (attempt.ok) {
    return attempt.value ? { type: 'started', templateId, fireAt, runId: attempt.value.id } : { type: 'already-fired', templateId, fireAt };
  }
  const error = attempt.error instanceof Error ? attempt.error.message : String(attempt.error);
  log.error({ template: templateId, fireAt: fireAt.toISOString(), err: attempt.error }, 'a scheduled run could not start');
  await recordScheduleFire(trx, { templateId, fireAt, nextFireAt, now });
  await appendAudit(trx, { at: now, actor: SCHEDULE_ACTOR, action: 'schedule.failed', entityType: 'schedule', entityId: templateId, metadata: { fireAt: fireAt.toISOString(), error } });
  return { type: 'failed', templateId, fireAt, error };
}
