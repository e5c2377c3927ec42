import type { Logger } from 'pino';
import type { ServiceContext } from '../runner/service-context';
import { setScheduleNextFire } from '../store/schedule-fires.store';
import { listSchedules, upsertSchedule, type ScheduleRecord } from '../store/schedules.store';
import { nextFireAfter } from './fire-times';

/**
 * At start: one schedule row per template with a cron trigger. A schedule whose cron and zone are
 * unchanged keeps its pending next fire (a fire that fell due while the process was down still
 * happens, once); a new or changed one starts from the next fire after `now`. A schedule whose
 * template is gone, or has no cron trigger any more, stops (next fire cleared) instead of firing
 * runs of something that no longer exists. Pause state is never touched here.
 */
export async function declareSchedules(ctx: ServiceContext, log: Logger, now: Date): Promise<ScheduleRecord[]> {
  const db = ctx.database.db;
  const declared: ScheduleRecord[] = [];
  const scheduled = new Set<string>();
  for (const template of ctx.catalog.list()) {
    const trigger = template.trigger;
    if (trigger?.type !== 'cron') continue;
    scheduled.add(template.id);
    const next = nextFireAfter(trigger.cron, trigger.timezone, now);
    if (!next) {
      log.error({ template: template.id, cron: trigger.cron, timezone: trigger.timezone }, 'a template trigger cannot be scheduled: check its cron expression and timezone');
      continue;
    }
    declared.push(await upsertSchedule(db, { templateId: template.id, cron: trigger.cron, timezone: trigger.timezone ?? null, nextFireAt: next }));
  }
  for (const schedule of await listSchedules(db)) {
    if (scheduled.has(schedule.templateId) || schedule.nextFireAt === null) continue;
    await setScheduleNextFire(db, schedule.templateId, null);
    log.warn({ template: schedule.templateId }, 'a schedule has no template with a cron trigger any more; it will not fire');
  }
  return declared;
}
