import { matchesEventPatterns } from '../domain/event-catalog';
import type { EventFeed } from '../events/event-feed';
import type { Database } from '../store/database';
import { listEventsAfter } from '../store/events.store';
import { transaction } from '../store/transaction';
import { lockWebhookSubscriptions, queueWebhookDeliveries } from '../store/webhook-subscriptions.store';

const PAGE = 200;

/**
 * Turns new events into outbox rows, one per matching subscription: each subscription keeps a
 * cursor into the log, moved in the same transaction that queues its deliveries, so every event
 * is queued once per subscription, on whichever replica gets there first (SKIP LOCKED). Runs when
 * the feed has news; the outbox then delivers with its retry and backoff.
 */
export class WebhookDispatcher {
  private running: Promise<void> | undefined;
  private again = false;
  private stopFeed: (() => void) | undefined;

  constructor(private readonly opts: { database: Database; feed: EventFeed; now: () => Date; log: (msg: string, err?: unknown) => void }) {}

  start(): void {
    this.stopFeed ??= this.opts.feed.listen(() => void this.dispatch());
    void this.dispatch();
  }

  async stop(): Promise<void> {
    this.stopFeed?.();
    this.stopFeed = undefined;
    await this.running;
  }

  /** Queues what is new for every subscription; resolves when done (tests call it directly). */
  dispatch(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while (await this.dispatchPage()) {
            /* another page */
          }
        } catch (err) {
          this.opts.log('queueing webhook deliveries failed; the next event tries again', err);
        }
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** One page per subscription; true when some subscription has more. */
  private async dispatchPage(): Promise<boolean> {
    return transaction(this.opts.database, async (trx) => {
      let more = false;
      for (const sub of await lockWebhookSubscriptions(trx)) {
        const page = await listEventsAfter(trx, { after: sub.cursor, limit: PAGE });
        if (page.length === 0) continue;
        const matching = page.filter((e) => matchesEventPatterns(sub.events, e.type));
        await queueWebhookDeliveries(trx, sub, matching, page[page.length - 1]!.id, this.opts.now());
        if (page.length === PAGE) more = true;
      }
      return more;
    });
  }
}
