import type { Card, CardField } from '../domain/card';
import type { ScheduleView } from '../domain/views';
import { formatDuration } from '../schema/duration';
import type { CardContext } from './card-context';
import { liveClock } from './relative-time';

/** "in 3h 20m (06:00 UTC)", "paused", "never". */
export function describeNextFire(s: ScheduleView, now: Date): string {
  if (s.paused) return '⏸️ paused';
  if (!s.nextFireAt) return 'not scheduled';
  const inMs = s.nextFireAt.getTime() - now.getTime();
  const when = liveClock(s.nextFireAt, now);
  return inMs > 0 ? `next in ${formatDuration(inMs)} (${when})` : `due now (${when})`;
}

function buildScheduleField(s: ScheduleView, now: Date): CardField {
  const zone = s.timezone ? ` ${s.timezone}` : '';
  const last = s.lastFiredAt ? ` · last ${liveClock(s.lastFiredAt, now)}` : '';
  return { label: s.templateName ? `${s.templateName} (${s.templateId})` : s.templateId, value: `\`${s.cron}\`${zone} · ${describeNextFire(s, now)}${last}` };
}

/** Cron-started templates: the expression, when it fires next, whether it is paused. */
export function buildSchedulesCard(schedules: readonly ScheduleView[], ctx: CardContext): Card {
  const active = schedules.filter((s) => !s.paused).length;
  return {
    kind: 'list',
    title: `Schedules (${schedules.length})`,
    summary: schedules.length === 0 ? 'No schedules' : `${schedules.length} schedules, ${active} active`,
    tone: 'neutral',
    ...(schedules.length === 0 ? { description: 'No template has a cron trigger.' } : {}),
    fields: schedules.slice(0, 25).map((s) => buildScheduleField(s, ctx.now)),
    ...(schedules.length > 25 ? { footer: `+${schedules.length - 25} more not shown` } : {}),
    timestamp: ctx.now,
  };
}
