import type { FactoryEvent } from '../domain/event-catalog';
import type { Database } from '../store/database';
import { latestEventId, listEventsAfter } from '../store/events.store';

export type FeedListener = (events: readonly FactoryEvent[]) => void;

export interface EventFeedOptions {
  database: Database;
  /** How often the log is read without a wake-up (another replica's NOTIFY may be lost). */
  pollMs: number;
  log: (msg: string, err?: unknown) => void;
  pageSize?: number;
}

/**
 * One reader of the event log per process, fanning new events out to every listener (SSE
 * streams, MCP subscriptions, the webhook dispatcher). It reads after the newest id it has seen,
 * so listeners get every committed event once, in id order (ids commit in order: events.store.ts).
 * Woken by the `events` topic (LISTEN/NOTIFY across replicas), and polls besides.
 */
export class EventFeed {
  private readonly listeners = new Set<FeedListener>();
  private head = '0';
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  private started: Promise<void> | undefined;

  constructor(private readonly opts: EventFeedOptions) {}

  /** The newest id every listener has been given. */
  get position(): string {
    return this.head;
  }

  start(): Promise<void> {
    this.started ??= (async () => {
      this.head = await latestEventId(this.opts.database.db);
      this.unsubscribe = this.opts.database.wake.subscribe('events', () => void this.poke());
      this.timer = setInterval(() => void this.poke(), this.opts.pollMs);
      this.timer.unref();
    })();
    return this.started;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    this.timer = undefined;
    this.unsubscribe = undefined;
    await this.reading;
  }

  /** Returns the function that stops listening. */
  listen(fn: FeedListener): () => void {
    const entry: FeedListener = (events) => fn(events);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  /** Reads what is new now (a wake-up, the poll, a test). Resolves once it has been handed out. */
  poke(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.readAll().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readAll(): Promise<void> {
    const limit = this.opts.pageSize ?? 500;
    do {
      this.again = false;
      try {
        for (;;) {
          const page = await listEventsAfter(this.opts.database.db, { after: this.head, limit });
          if (page.length === 0) break;
          this.head = page[page.length - 1]!.id;
          this.emit(page);
          if (page.length < limit) break;
        }
      } catch (err) {
        this.opts.log('reading the event log failed; the next poll tries again', err);
        return;
      }
    } while (this.again);
  }

  private emit(events: readonly FactoryEvent[]): void {
    for (const fn of [...this.listeners]) {
      try {
        fn(events);
      } catch (err) {
        this.opts.log('an event listener threw', err);
      }
    }
  }
}
