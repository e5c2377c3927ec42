import type { EventType, FactoryEvent } from '../domain/event-catalog';
import type { Database } from '../store/database';
import { latestEventId, listEventsAfter } from '../store/events.store';
import type { EventFeed } from './event-feed';

export interface StreamFilter {
  /** Exact types (already expanded from patterns); undefined: every type. */
  types?: readonly EventType[];
  runId?: string;
}

export interface EventStream {
  /** Stops the stream (the client went away). */
  close(): void;
}

/**
 * Follows the log for one client from `after` (exclusive; undefined: from now): first what it
 * missed, read from the database page by page, then live from the feed. The feed is listened to
 * before the catch-up starts and everything passes one `id > last sent` check, so the hand-over
 * neither drops nor repeats an event. `send` gets events in id order; a throwing send ends the stream.
 */
export async function openEventStream(
  deps: { database: Database; feed: EventFeed },
  opts: { after?: string; filter: StreamFilter; pageSize?: number },
  send: (event: FactoryEvent) => void,
): Promise<EventStream> {
  const wanted = (e: FactoryEvent) => (!opts.filter.types || opts.filter.types.includes(e.type)) && (!opts.filter.runId || e.runId === opts.filter.runId);
  let last = BigInt(opts.after ?? (await latestEventId(deps.database.db)));
  let live = false;
  let closed = false;
  const queued: FactoryEvent[] = [];
  const deliver = (e: FactoryEvent) => {
    if (closed || BigInt(e.id) <= last) return;
    last = BigInt(e.id);
    if (wanted(e)) send(e);
  };
  const stop = deps.feed.listen((events) => {
    if (live) events.forEach(deliver);
    else queued.push(...events);
  });
  const close = () => {
    closed = true;
    stop();
  };
  try {
    const limit = opts.pageSize ?? 500;
    for (;;) {
      const page = await listEventsAfter(deps.database.db, { after: last.toString(), types: opts.filter.types, runId: opts.filter.runId, limit });
      if (closed) break;
      page.forEach(deliver);
      if (page.length < limit) break;
    }
    live = true;
    queued.splice(0).forEach(deliver);
  } catch (err) {
    close();
    throw err;
  }
  return { close };
}
