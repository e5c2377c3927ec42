import type { Logger } from 'pino';
import type { RunRecord } from '../domain/records';
import type { Metrics } from '../metrics';
import type { ServiceContext } from '../runner/service-context';
import { startCronLoop, type CronLoop } from '../scheduling/cron-loop';
import type { DB } from '../store/db-schema';
import { countPendingGates, listFiredStepKeys } from '../store/escalation-sweep.store';
import { listGatesDueForEscalation, setGateEscalation } from '../store/gate-tasks.store';
import { getRun } from '../store/runs.store';
import { withSavepoint } from '../store/savepoint';
import { transaction } from '../store/transaction';
import type { Transaction } from 'kysely';
import type { EscalationDeps } from './escalation-deps';
import { escalateGate } from './escalate-gate';

export interface EscalationSweepOptions {
  ctx: ServiceContext;
  log: Logger;
  metrics?: Metrics;
  /** node-cron expression of the pass (ESCALATION_CRON); default every 30 seconds. */
  cron?: string;
  now?: () => Date;
  /** Gates claimed per transaction (default 100). */
  batchSize?: number;
  /** Who the last step pages when a template names no owner (config `owner`). */
  owner?: string;
}

export const DEFAULT_ESCALATION_CRON = '*/30 * * * * *';
/** One pass handles at most this many batches; whatever is left is due on the next pass. */
const MAX_BATCHES_PER_PASS = 100;
/** A gate whose escalation threw is looked at again this much later, so it cannot block the sweep. */
const FAILED_GATE_RETRY_MS = 5 * 60_000;
const GAUGE_INTERVAL_MS = 60_000;

/**
 * Turns due ladder steps into outbox rows. Each pass claims due pending gates in batches
 * (`next_escalation_at <= now`, FOR UPDATE SKIP LOCKED, served by a partial index), so several
 * replicas share the work without waiting on each other; a step is recorded in escalation_steps
 * (unique key) in the same transaction as its messages, and only the inserter sends. The database
 * decides what is due; node-cron only says when to look.
 */
export class EscalationSweep {
  private readonly deps: EscalationDeps;
  private readonly now: () => Date;
  private readonly batchSize: number;
  private loop: CronLoop | null = null;
  private gaugeSampledAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: EscalationSweepOptions) {
    this.deps = { ctx: opts.ctx, log: opts.log, metrics: opts.metrics ?? opts.ctx.metrics, owner: opts.owner };
    this.now = opts.now ?? (() => new Date());
    this.batchSize = opts.batchSize ?? 100;
  }

  start(): void {
    if (this.loop) return;
    this.loop = startCronLoop({ name: 'escalation sweep', cron: this.opts.cron ?? DEFAULT_ESCALATION_CRON, log: this.opts.log, pass: () => this.sweep(this.now()) });
  }

  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = null;
    await loop?.stop();
  }

  /** One pass at `now`: how many due gates it looked at, and how many got a message or a decision. */
  async sweep(now: Date): Promise<{ gates: number; sent: number }> {
    const total = { gates: 0, sent: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      const result = await transaction(this.opts.ctx.database, (trx) => this.sweepBatch(trx, now));
      total.gates += result.gates;
      total.sent += result.sent;
      if (result.gates < this.batchSize) break;
    }
    await this.samplePendingGates(now);
    if (total.gates > 0) this.opts.log.info({ ...total, at: now.toISOString() }, 'escalation sweep');
    return total;
  }

  /** The gauge counts every pending gate (an index-only scan, but over all of them), so at most once a minute. */
  private async samplePendingGates(now: Date): Promise<void> {
    const metrics = this.deps.metrics;
    if (!metrics || Math.abs(now.getTime() - this.gaugeSampledAt) < GAUGE_INTERVAL_MS) return;
    this.gaugeSampledAt = now.getTime();
    metrics.pendingGates.set(await countPendingGates(this.opts.ctx.database.db));
  }

  private async sweepBatch(trx: Transaction<DB>, now: Date): Promise<{ gates: number; sent: number }> {
    const due = await listGatesDueForEscalation(trx, { now, limit: this.batchSize });
    const fired = await listFiredStepKeys(trx, due.map((g) => g.id));
    const runs = new Map<string, RunRecord | undefined>();
    let sent = 0;
    for (const gate of due) {
      if (!runs.has(gate.runId)) runs.set(gate.runId, await getRun(trx, gate.runId));
      const run = runs.get(gate.runId);
      const result = await withSavepoint(trx, 'escalate_gate', async () => {
        if (!run) throw new Error(`run ${gate.runId} of gate ${gate.id} does not exist`);
        return escalateGate(this.deps, trx, gate, run, fired.get(gate.id) ?? new Set(), now);
      });
      if (!result.ok) {
        this.opts.log.error({ err: result.error, gateId: gate.id, runId: gate.runId }, 'escalating a gate failed; it is tried again later');
        await setGateEscalation(trx, { gateId: gate.id, level: gate.escalationLevel, nextEscalationAt: new Date(now.getTime() + FAILED_GATE_RETRY_MS) });
        continue;
      }
      if (result.value.type === 'sent' || result.value.type === 'decided') sent += 1;
      // A decision advanced the run (it may have ended): its other gates must see it fresh.
      if (result.value.type === 'decided') runs.delete(gate.runId);
    }
    return { gates: due.length, sent };
  }
}
