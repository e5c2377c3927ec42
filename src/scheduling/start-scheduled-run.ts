import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import type { RunRecord } from '../domain/records';
import { resolveParams } from '../schema/resolve-params';
import type { Template } from '../schema/template';
import { startRun } from '../runner/run-operations';
import type { ServiceContext } from '../runner/service-context';
import type { Queryable } from '../store/db-schema';

/** Who starts cron-triggered runs: the system, shown as "schedule" on run cards. */
export const SCHEDULE_ACTOR: Actor = { type: 'system', platform: 'system', id: 'schedule', name: 'schedule' };

/**
 * Starts one scheduled run (startRun: run row, blocks, audit, first engine pass, status card)
 * inside the transaction that records the fire.
 * That is the point: the fire, the run and its messages commit together or not at all, so a crash
 * can neither lose a fire nor start its run twice. `createRun` opens its own transaction, which
 * on PGlite (one connection) cannot nest. The run is posted to the template's feed channel.
 */
export async function startScheduledRun(
  ctx: ServiceContext,
  db: Queryable,
  template: Template,
  schedule: { cron: string; timezone: string | null; fireAt: Date; firstMissed: Date | null },
  now: Date,
): Promise<RunRecord> {
  const params = resolveParams(template, template.trigger?.type === 'cron' ? template.trigger.params : {});
  if (!params.ok) {
    throw new UserError('invalid_params', `The schedule of ${template.id} cannot start a run: ${params.problems.map((p) => p.message).join('; ')}. Fix trigger.params in the template.`);
  }
  const feed = ctx.notifier.named({ template }, 'feed')[0];
  const { run } = await startRun(
    ctx,
    db,
    {
      template,
      name: `${template.name} · ${schedule.fireAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`.slice(0, 100),
      params: params.params,
      autonomy: {},
      simulate: false,
      actor: SCHEDULE_ACTOR,
      origin: feed ? { platform: feed[0], channelId: feed[1], threadId: null } : null,
      auditMetadata: {
        schedule: { cron: schedule.cron, timezone: schedule.timezone, fireAt: schedule.fireAt.toISOString(), firstMissed: schedule.firstMissed?.toISOString() ?? null },
      },
    },
    now,
  );
  return run;
}
