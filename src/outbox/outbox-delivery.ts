import type { ChatAdapter } from '../domain/chat-adapter';
import type { Platform } from '../domain/statuses';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { DEFAULT_OUTBOX_RETRY, releaseOutboxClaims, type Database, type OutboxRetryPolicy } from '../store';
import { nextOutboxDueAt } from '../store/outbox-ordering.store';
import type { DeliveryContext, PagerSettings } from './delivery-context';
import type { DeliveryCounts } from './delivery-outcome';
import { runDeliveryPass } from './delivery-pass';
import { PassScheduler } from './pass-scheduler';

/** Wiring for one delivery loop; main.ts builds it from Config (PAGER_EVENTS_URL, PAGER_ROUTING_KEY). */
export interface OutboxDeliveryOptions {
  database: Database;
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  log: Logger;
  metrics?: Metrics;
  /** This sender's name on claimed rows ("host:pid"); unique per process. */
  owner: string;
  now?: () => Date;
  /** Rows claimed per round (default 20). */
  batchSize?: number;
  /** How long a claim holds before another sender may take the row over (default 60 s). */
  lockMs?: number;
  /** Safety-net poll for lost wake-ups (default 15 s). */
  pollMs?: number;
  pager?: PagerSettings;
  /** Retry policy (default: the store's, 5 s doubling to 15 min, 10 attempts). */
  retry?: OutboxRetryPolicy;
}

// A known due time in the past (a row locked by a busy peer) must not turn into a busy loop.
const MIN_WAIT_MS = 250;

/**
 * Delivers outbox rows to the chat adapters (and the pager): woken by the 'outbox' topic after a
 * commit, with a slow poll as a safety net. Rows are claimed with SKIP LOCKED under a lock; a row
 * whose sender died is taken over when its lock runs out; a row marked sent is never sent again.
 */
export class OutboxDelivery {
  private readonly ctx: DeliveryContext;
  private readonly now: () => Date;
  private readonly batchSize: number;
  private readonly lockMs: number;
  private readonly scheduler: PassScheduler;
  private readonly passes = new Set<Promise<unknown>>();
  private unsubscribe: (() => void) | undefined;
  private stopping = false;

  constructor(opts: OutboxDeliveryOptions) {
    this.now = opts.now ?? (() => new Date());
    this.batchSize = opts.batchSize ?? 20;
    this.lockMs = opts.lockMs ?? 60_000;
    this.ctx = {
      database: opts.database,
      adapters: opts.adapters,
      log: opts.log.child({ component: 'outbox' }),
      metrics: opts.metrics,
      owner: opts.owner,
      // Half the lock: a send that takes longer is failed here before another sender may take over.
      sendTimeoutMs: Math.max(1_000, Math.floor(this.lockMs / 2)),
      retry: opts.retry ?? DEFAULT_OUTBOX_RETRY,
      pager: opts.pager,
    };
    this.scheduler = new PassScheduler({
      pass: () => this.loopPass(),
      pollMs: opts.pollMs ?? 15_000,
      onError: (err) => this.ctx.log.error({ err }, 'outbox pass failed; trying again at the next wake-up or poll'),
    });
  }

  /** Starts delivering: at once, on every 'outbox' wake-up, and on the poll. */
  start(): void {
    if (this.unsubscribe) return;
    this.stopping = false;
    this.unsubscribe = this.ctx.database.wake.subscribe('outbox', () => this.scheduler.trigger());
    this.scheduler.start();
  }

  /** Stops taking work, lets sends in flight finish, then gives back any row still claimed. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.scheduler.stop();
    await Promise.allSettled([...this.passes]);
    const released = await releaseOutboxClaims(this.ctx.database.db, { owner: this.ctx.owner, now: this.now() });
    if (released > 0) this.ctx.log.info({ released }, 'gave back claimed outbox messages on stop');
  }

  /**
   * One pass at `now`: delivers everything due, round after round. Used by the loop and by tests.
   * Rejects only when the database cannot be reached; a row's own failure is an outcome, counted.
   * Does nothing between stop() and the next start().
   */
  async deliverDue(now: Date = this.now()): Promise<DeliveryCounts> {
    return (await this.pass(now)).counts;
  }

  private async loopPass(): Promise<number | null> {
    const { more } = await this.pass(this.now());
    if (more) return 0;
    const due = await nextOutboxDueAt(this.ctx.database.db);
    return due ? Math.max(MIN_WAIT_MS, due.getTime() - this.now().getTime()) : null;
  }

  private pass(now: Date): Promise<{ counts: DeliveryCounts; more: boolean }> {
    const running = runDeliveryPass(this.ctx, { now, batchSize: this.batchSize, lockMs: this.lockMs, stopping: () => this.stopping });
    this.passes.add(running);
    return running.finally(() => this.passes.delete(running));
  }
}
