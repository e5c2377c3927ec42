import type { Logger } from 'pino';
import type { ServiceContext } from '../runner/service-context';
import { listPausedSchedulesPastDue, setScheduleNextFire } from '../store/schedule-fires.store';
import { listDueSchedules, type ScheduleRecord } from '../store/schedules.store';
import { transaction } from '../store/transaction';
import { startCronLoop, type CronLoop } from './cron-loop';
import { declareSchedules } from './declare-schedules';
import { fireSchedule, type ScheduleFireOutcome } from './fire-schedule';
import { nextFireAfter } from './fire-times';

export interface ScheduledRunsOptions {
  ctx: ServiceContext;
  log: Logger;
  /** node-cron expression of the tick; default every 30 seconds (a minute-cron fires within 30 s). */
  cron?: string;
  now?: () => Date;
  /** Schedules locked per transaction (default 20). */
  batchSize?: number;
}

/** At most this many batches per tick, so a tick always ends. */
const MAX_BATCHES_PER_TICK = 50;

/**
 * Cron-triggered runs. `declare(now)` at start writes a schedule per cron template; each tick fires
 * the due, unpaused ones. Due schedules are locked with SKIP LOCKED and every fire is recorded
 * under a unique (template, fire time), so any number of replicas, and restarts, start each run
 * once. A paused schedule never fires, and skips what passes while it is paused.
 */
export class ScheduledRuns {
  private readonly now: () => Date;
  private loop: CronLoop | null = null;

  constructor(private readonly opts: ScheduledRunsOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  declare(now: Date): Promise<ScheduleRecord[]> {
    return declareSchedules(this.opts.ctx, this.opts.log, now);
  }

  start(): void {
    if (this.loop) return;
    this.loop = startCronLoop({ name: 'scheduled runs', cron: this.opts.cron ?? '*/30 * * * * *', log: this.opts.log, pass: () => this.tick(this.now()) });
  }

  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = null;
    await loop?.stop();
  }

  /**
   * A paused schedule skips the fires that pass while it is paused instead of owing them: resumed,
   * it fires at its next regular time, not at once. (Downtime is different: an unpaused schedule
   * the process could not fire still fires once when it is back.)
   */
  private async skipPausedFires(now: Date): Promise<void> {
    for (const paused of await listPausedSchedulesPastDue(this.opts.ctx.database.db, now)) {
      await setScheduleNextFire(this.opts.ctx.database.db, paused.templateId, nextFireAfter(paused.cron, paused.timezone, now));
    }
  }

  /** Fires every schedule due at `now`; one outcome per schedule looked at. */
  async tick(now: Date): Promise<ScheduleFireOutcome[]> {
    const limit = this.opts.batchSize ?? 20;
    const outcomes: ScheduleFireOutcome[] = [];
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const fired = await transaction(this.opts.ctx.database, async (trx) => {
        const due = await listDueSchedules(trx, { now, limit });
        const out: ScheduleFireOutcome[] = [];
        for (const schedule of due) out.push(await fireSchedule(this.opts.ctx, this.opts.log, trx, schedule, now));
        return out;
      });
      outcomes.push(...fired);
      if (fired.length < limit) break;
    }
    await this.skipPausedFires(now);
    for (const o of outcomes) if (o.type === 'started') this.opts.log.info({ template: o.templateId, fireAt: o.fireAt.toISOString(), runId: o.runId }, 'scheduled run started');
    return outcomes;
  }
}
