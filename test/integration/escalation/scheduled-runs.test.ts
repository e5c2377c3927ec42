import { describe, expect, it } from 'vitest';
import { buildSchedulesCard } from '../../../src/cards';
import { silentLogger } from '../../../src/log';
import type { ServiceContext } from '../../../src/runner/service-context';
import { ScheduledRuns } from '../../../src/scheduling/scheduled-runs';
import type { Template } from '../../../src/schema/template';
import type { Database } from '../../../src/store/database';
import { listScheduleFires } from '../../../src/store/schedule-fires.store';
import { getSchedule } from '../../../src/store/schedules.store';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { escalationContext, gateTemplate, HOUR, IDS, MIN, operator, serviceAt , useTwoConnections } from './escalation-fixtures';

// Monday 2 June 2025, 00:00 UTC. Berlin is on summer time (UTC+2): 06:00 there is 04:00 UTC.
const T0 = new Date('2025-06-02T00:00:00.000Z');
const at = (hours: number, minutes = 0) => new Date(T0.getTime() + hours * HOUR + minutes * MIN);
const iso = (d: Date) => d.toISOString();

function scheduled(id: string, trigger: object, params?: object): Template {
  return gateTemplate({ id, trigger: { type: 'cron', ...trigger }, ...(params ? { params } : {}) });
}

async function runsOf(database: Database, templateId: string) {
  return database.db.selectFrom('runs').select(['id', 'name', 'params', 'created_by', 'origin', 'created_at']).where('template_id', '=', templateId).orderBy('id').execute();
}

describe.each(testDatabases())('scheduled runs on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let second: Database;
  useTwoConnections(open, (opened, other) => {
    database = opened;
    second = other;
  });

  const schedulerOn = (ctx: ServiceContext) => new ScheduledRuns({ ctx, log: silentLogger() });

  it('GIVEN a daily 06:00 Berlin template, an hourly one, and two schedulers ticking at once (every 10 minutes) for 3 days with a restart THEN each fire time starts exactly one run', async () => {
    const daily = scheduled('nightly', { cron: '0 6 * * *', timezone: 'Europe/Berlin', params: { topic: 'daily digest' } }, { topic: { type: 'string', required: true } });
    const hourly = scheduled('hourly', { cron: '0 * * * *' });
    const ctxA = escalationContext(database, [daily, hourly]);
    const ctxB = { ...escalationContext(second), catalog: ctxA.catalog };
    const a = schedulerOn(ctxA);
    let b = schedulerOn(ctxB);
    await Promise.all([a.declare(T0), b.declare(T0)]);
    expect(await getSchedule(database.db, 'nightly')).toMatchObject({ cron: '0 6 * * *', timezone: 'Europe/Berlin', paused: false, nextFireAt: at(4) });

    for (let t = T0.getTime(); t <= at(72).getTime(); t += 10 * MIN) {
      const now = new Date(t);
      if (t === at(28).getTime()) {
        // B restarts: a new process declares its schedules again and carries on.
        b = schedulerOn(ctxB);
        await b.declare(now);
      }
      await Promise.all([a.tick(now), b.tick(now)]);
    }

    const nightly = await listScheduleFires(database.db, 'nightly');
    expect(nightly.map((f) => iso(f.fireAt))).toEqual([iso(at(4)), iso(at(28)), iso(at(52))]);
    expect(nightly.every((f) => f.runId !== null)).toBe(true);
    const nightlyRuns = await runsOf(database, 'nightly');
    expect(nightlyRuns.map((r) => r.id)).toEqual(nightly.map((f) => f.runId));
    expect(nightlyRuns[0]).toMatchObject({ name: 'SLA walk · 2025-06-02 04:00 UTC', params: { topic: 'daily digest' }, created_by: { type: 'system', name: 'schedule' } });
    // Posted to the template's feed channel (the first platform that maps it).
    expect(nightlyRuns[0]?.origin).toMatchObject({ platform: 'discord', channelId: IDS.discordFeed });

    const hourlyFires = await listScheduleFires(database.db, 'hourly');
    expect(hourlyFires.map((f) => iso(f.fireAt))).toEqual(Array.from({ length: 72 }, (_, i) => iso(at(i + 1))));
    expect(await runsOf(database, 'hourly')).toHaveLength(72);
    expect(await getSchedule(database.db, 'hourly')).toMatchObject({ lastFiredAt: at(72), nextFireAt: at(73) });
  }, 300_000);

  it('GIVEN the process is down for three days THEN the schedule fires once when it is back, for the latest missed time, not a burst', async () => {
    const daily = scheduled('daily-down', { cron: '0 6 * * *', timezone: 'Europe/Berlin' });
    const ctx = escalationContext(database, [daily]);
    const scheduler = schedulerOn(ctx);
    await scheduler.declare(T0);
    await scheduler.tick(at(4, 1));
    // Down from day 1 to day 4, 10:00 UTC; a new process starts and ticks.
    const restarted = schedulerOn(ctx);
    await restarted.declare(at(72 + 10));
    const outcomes = await restarted.tick(at(72 + 10));
    expect(outcomes.filter((o) => o.type === 'started').map((o) => iso((o as { fireAt: Date }).fireAt))).toEqual([iso(at(72 + 4))]);
    await restarted.tick(at(72 + 10, 5));
    expect((await listScheduleFires(database.db, 'daily-down')).map((f) => iso(f.fireAt))).toEqual([iso(at(4)), iso(at(76))]);
    expect(await getSchedule(database.db, 'daily-down')).toMatchObject({ nextFireAt: at(100) });
    const created = await database.db.selectFrom('audit_log').select('metadata').where('action', '=', 'run.created').where('actor_id', '=', 'schedule').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(created.metadata).toMatchObject({ schedule: { fireAt: iso(at(76)), firstMissed: iso(at(28)) } });
  });

  it('GIVEN a paused schedule THEN it does not fire, and resumed it waits for its next regular time', { timeout: 120_000 }, async () => {
    const hourly = scheduled('paused-hourly', { cron: '30 * * * *' });
    const ctx = escalationContext(database, [hourly]);
    const scheduler = schedulerOn(ctx);
    await scheduler.declare(T0);
    await serviceAt(ctx).setSchedulePaused('paused-hourly', true, operator, T0);
    for (let t = T0.getTime(); t <= at(24).getTime(); t += 5 * MIN) await scheduler.tick(new Date(t));
    expect(await listScheduleFires(database.db, 'paused-hourly')).toEqual([]);

    const views = await serviceAt(ctx).listSchedules();
    const view = views.find((s) => s.templateId === 'paused-hourly');
    expect(view).toMatchObject({ templateName: 'SLA walk', cron: '30 * * * *', paused: true, nextFireAt: at(24, 30) });
    expect(buildSchedulesCard([view!], { now: at(24) }).fields?.[0]?.value).toContain('paused');

    await serviceAt(ctx).setSchedulePaused('paused-hourly', false, operator, at(24, 10));
    await scheduler.tick(at(24, 10));
    expect(await listScheduleFires(database.db, 'paused-hourly')).toEqual([]);
    await scheduler.tick(at(24, 30));
    expect((await listScheduleFires(database.db, 'paused-hourly')).map((f) => iso(f.fireAt))).toEqual([iso(at(24, 30))]);
  });

  it('GIVEN a schedule whose run cannot start, or whose template is gone THEN it fires nothing, says why, and does not retry every tick', async () => {
    // Validation now refuses scheduled params that cannot start a run ($.trigger.params); the
    // scheduler's own refusal stays as the last line, exercised here on a template built around it.
    const broken: Template = { ...scheduled('needs-topic', { cron: '0 * * * *' }), params: { topic: { type: 'string', required: true } } };
    const ctx = escalationContext(database, [broken]);
    const scheduler = schedulerOn(ctx);
    await scheduler.declare(T0);
    expect((await scheduler.tick(at(1))).filter((o) => o.templateId === 'needs-topic')).toEqual([
      expect.objectContaining({ type: 'failed', error: expect.stringContaining('topic') }),
    ]);
    expect((await scheduler.tick(at(1, 5))).filter((o) => o.templateId === 'needs-topic')).toEqual([]);
    const failed = await database.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'schedule.failed').execute();
    expect(failed.map((r) => r.entity_id)).toEqual(['needs-topic']);

    // The template is removed: at the next start its schedule stops.
    const without = schedulerOn(escalationContext(database, []));
    await without.declare(at(1, 10));
    expect(await getSchedule(database.db, 'needs-topic')).toMatchObject({ nextFireAt: null });
    expect(await without.tick(at(5))).toEqual([]);
  });
});
