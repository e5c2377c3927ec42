import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Executor } from '../domain/executor';
import { ExecutorError } from '../domain/executor';
import type { BlockRun, RunRecord } from '../domain/records';
import type { ExecutorRegistry } from '../executors/registry';
import type { Metrics } from '../metrics';
import { claimReadyBlocks, claimReadyBlocksAtOnce, listExpiredLeases, renewLease } from '../store/block-claims.store';
import type { Database } from '../store/database';
import { failOrphanedClaim } from '../store/orphaned-claims.store';
import { listLeasesOwnedBy } from '../store/own-leases.store';
import { getRun } from '../store/runs.store';
import { transaction } from '../store/transaction';
import type { AdvanceDeps } from './advance-run';
import { outcomeOf } from './attempt-outcome';
import { buildJob } from './build-job';
import { blockOf } from './read-models';
import { recordResult } from './record-result';
import { ResultQueue } from './result-queue';

export interface RunnerOptions {
  database: Database;
  executors: ExecutorRegistry;
  /** Runs every block of a rehearsal (`simulate` runs), whatever its runtime. */
  rehearsal: Executor;
  deps: AdvanceDeps;
  log: Logger;
  metrics?: Metrics;
  concurrency: number;
  /** At most this many blocks of one parallel group of one run at once (default: no limit). */
  perGroupLimit?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Used when a block sets no timeout. */
  defaultTimeoutMs?: number;
  owner?: string;
  /**
   * Leases of an earlier boot of this same process identity (see src/boot/process-identity.ts):
   * reclaimed at start, without waiting for them to expire, when `isDead` says their process is gone.
   */
  predecessors?: { prefix: string; isDead(owner: string): boolean };
  now?: () => Date;
}

interface InFlight {
  blockRunId: string;
  runId: string;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Claims ready blocks (SKIP LOCKED, with a lease), runs them, records results and moves runs on.
 * Woken right after any commit that readies a block; a slow poll is the safety net, and it also
 * recovers blocks whose worker died (their lease ran out): those are retried or failed, never lost.
 */
export class Runner {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private stopping = false;
  private ticking: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly results: ResultQueue;
  private readonly definitions = new Map<string, RunRecord>();
  private reclaimPending = false;

  constructor(private readonly opts: RunnerOptions) {
    this.owner = opts.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.now = opts.now ?? (() => new Date());
    this.results = new ResultQueue(opts.database, opts.deps, this.now);
  }

  start(): void {
    this.unsubscribe = this.opts.database.wake.subscribe('runner', () => this.wake());
    this.timer = setInterval(() => this.wake(true), this.opts.pollMs ?? 2_000);
    this.timer.unref();
    this.reclaimPending = this.opts.predecessors !== undefined;
    this.wake(true);
  }

  /** Stops claiming; running attempts get `graceMs` to finish, then are aborted and recorded as interrupted (retried later). */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    const all = [...this.inFlight.values()];
    const finished = Promise.all(all.map((f) => f.done));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([finished, timeout]);
    for (const f of this.inFlight.values()) f.controller.abort(new ExecutorError('the process is shutting down', true, 'shutdown'));
    await finished;
  }

  /** Aborts this process's attempts of a cancelled run at once (other replicas notice at lease renewal). */
  cancelRun(runId: string): void {
    for (const f of this.inFlight.values()) if (f.runId === runId) f.controller.abort(new ExecutorError('the run was cancelled', false, 'cancelled'));
  }

  get running(): number {
    return this.inFlight.size;
  }

  /** One pass: recover expired leases (on polls), then claim what fits. Resolves when claimed attempts have started. */
  wake(recover = false): void {
    if (this.stopping) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick(recover)
      .catch((error) => this.opts.log.error({ err: error }, 'runner pass failed'))
      .finally(() => {
        this.ticking = null;
        if (this.again && !this.stopping) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when nothing is running or queued in this process (for tests and graceful stop). */
  async idle(): Promise<void> {
    while (this.ticking || this.inFlight.size > 0) {
      await this.ticking;
      await Promise.all([...this.inFlight.values()].map((f) => f.done));
    }
  }

  private async tick(recover: boolean): Promise<void> {
    if (this.reclaimPending) {
      this.reclaimPending = false;
      await this.reclaimPredecessorLeases();
    }
    if (recover) await this.recoverExpiredLeases();
    const free = this.opts.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const claim = { owner: this.owner, now: this.now(), leaseMs: this.leaseMs, limit: free };
    // Without group limits a claim is one statement: autocommit, one round trip.
    const claimed = this.opts.perGroupLimit
      ? await transaction(this.opts.database, (trx) => claimReadyBlocks(trx, { ...claim, perGroupLimit: this.opts.perGroupLimit }))
      : await claimReadyBlocksAtOnce(this.opts.database.db, claim);
    for (const blockRun of claimed) this.launch(blockRun);
    if (claimed.length === free) this.again = true;
  }

  private async recoverExpiredLeases(): Promise<void> {
    const now = this.now();
    const expired = await transaction(this.opts.database, (trx) => listExpiredLeases(trx, now, { limit: 100 }));
    for (const b of expired) {
      if (this.inFlight.has(b.id)) continue;
      const outcome = { kind: 'failed' as const, error: `the worker running attempt ${b.attempts} stopped answering (its lease expired)`, retryable: true };
      const result = await recordResult(this.opts.database, this.opts.deps, { runId: b.runId, blockRunId: b.id, blockId: b.blockId, attempt: b.attempts, outcome, lost: true }, now);
      if (result === 'recorded') this.opts.log.warn({ run: b.runId, block: b.blockId, attempt: b.attempts }, 'recovered a block whose worker died');
    }
  }

  /** A restart's first pass: its dead predecessor's attempts are recorded as lost (and retried) at once. */
  private async reclaimPredecessorLeases(): Promise<void> {
    const predecessors = this.opts.predecessors!;
    const now = this.now();
    const held = await transaction(this.opts.database, (trx) => listLeasesOwnedBy(trx, predecessors.prefix, { limit: 1000 }));
    for (const b of held) {
      if (!b.leaseOwner || this.inFlight.has(b.id) || !predecessors.isDead(b.leaseOwner)) continue;
      const outcome = { kind: 'failed' as const, error: `the process running attempt ${b.attempts} ended before it finished (restarted)`, retryable: true };
      const input = { runId: b.runId, blockRunId: b.id, blockId: b.blockId, attempt: b.attempts, owner: b.leaseOwner, outcome, lost: true };
      const result = await recordResult(this.opts.database, this.opts.deps, input, now);
      if (result === 'recorded') this.opts.log.warn({ run: b.runId, block: b.blockId, attempt: b.attempts }, 'reclaimed a block left running by the previous start of this process');
    }
  }

  private launch(blockRun: BlockRun): void {
    const controller = new AbortController();
    const entry: InFlight = { blockRunId: blockRun.id, runId: blockRun.runId, controller, done: Promise.resolve() };
    entry.done = this.execute(blockRun, controller)
      .catch((error) => this.opts.log.error({ err: error, block: blockRun.blockId, run: blockRun.runId }, 'recording a block result failed'))
      .finally(() => {
        this.inFlight.delete(blockRun.id);
        this.wake();
      });
    this.inFlight.set(blockRun.id, entry);
  }

  /**
   * The run as far as an attempt needs it: template, params, seed, simulate and id, none of which
   * ever changes, so it is read once per run, not once per block (its status is never read here).
   */
  private async definitionOf(runId: string): Promise<RunRecord | undefined> {
    const known = this.definitions.get(runId);
    if (known) return known;
    const run = await getRun(this.opts.database.db, runId);
    if (run) this.definitions.set(runId, run);
    if (this.definitions.size > 1_000) this.definitions.delete(this.definitions.keys().next().value!);
    return run;
  }

  /** A claimed block whose run vanished: settle the claim now (failed, audited) instead of holding it until the lease runs out. */
  private async failOrphan(blockRun: BlockRun): Promise<void> {
    const claim = { blockRunId: blockRun.id, runId: blockRun.runId, blockId: blockRun.blockId, attempt: blockRun.attempts, owner: this.owner, now: this.now() };
    const failed = await transaction(this.opts.database, (trx) => failOrphanedClaim(trx, claim));
    if (failed) this.opts.log.warn({ run: blockRun.runId, block: blockRun.blockId, attempt: blockRun.attempts }, 'failed a claimed block whose run no longer exists');
  }

  private async execute(blockRun: BlockRun, controller: AbortController): Promise<void> {
    const db = this.opts.database.db;
    const run = await this.definitionOf(blockRun.runId);
    if (!run) {
      await this.failOrphan(blockRun);
      return;
    }
    const block = blockOf(run, blockRun.blockId);
    const base = { runId: run.id, blockRunId: blockRun.id, blockId: blockRun.blockId, attempt: blockRun.attempts, owner: this.owner };
    if (!block) {
      const outcome = { kind: 'failed' as const, error: `block ${blockRun.blockId} is not in the run's template`, retryable: false };
      await recordResult(this.opts.database, this.opts.deps, { ...base, outcome }, this.now());
      return;
    }
    const started = this.now();
    const timeoutMs = block.timeout ?? this.opts.defaultTimeoutMs ?? 30 * 60_000;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new ExecutorError(`no result after ${Math.round(timeoutMs / 1000)} s`, true, 'timeout'));
    }, timeoutMs);
    const renew = setInterval(() => {
      void renewLease(this.opts.database.db, { blockRunId: blockRun.id, owner: this.owner, now: this.now(), leaseMs: this.leaseMs })
        .then((held) => {
          if (!held) controller.abort(new ExecutorError('this attempt was taken away (run cancelled or lease lost)', false, 'lease_lost'));
        })
        .catch((error) => this.opts.log.warn({ err: error }, 'lease renewal failed'));
    }, Math.max(1_000, Math.floor(this.leaseMs / 3)));
    renew.unref();
    let outcome;
    let result;
    let usage;
    try {
      const executor = run.simulate ? this.opts.rehearsal : this.opts.executors.get(block.runtime);
      const job = await buildJob(db, run, block, blockRun);
      const log = (message: string, data?: Record<string, unknown>) => this.opts.log.info({ run: run.id, block: block.id, ...data }, message);
      result = await executor.execute(job, { signal: controller.signal, log });
      outcome = outcomeOf(result);
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      outcome = outcomeOf({ error: reason, timedOut });
      result = undefined;
      usage = error instanceof ExecutorError ? error.usage : undefined;
    } finally {
      clearTimeout(timer);
      clearInterval(renew);
    }
    const runtime = run.simulate ? 'simulate' : block.runtime;
    this.opts.metrics?.blockAttempts.inc({ runtime, outcome: outcome.kind });
    this.opts.metrics?.blockDuration.observe({ runtime }, (this.now().getTime() - started.getTime()) / 1000);
    const recorded = await this.results.record({ ...base, outcome, result, usage });
    if (recorded === 'stale') this.opts.log.info({ run: run.id, block: block.id, attempt: blockRun.attempts }, 'dropped the result of an attempt that is no longer current');
  }
}
