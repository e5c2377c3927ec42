import { sql, type Selectable } from 'kysely';
import { EVENT_TYPES, type EventType, type FactoryEvent } from '../domain/event-catalog';
import type { EventDraft } from '../domain/event-from-audit';
import type { EventsTable, Queryable } from './db-schema';
import { parseObject, toJson } from './json-columns';
import { beforeCommit, wakeAfterCommit } from './transaction';

/**
 * Ordering. Identity values are taken at INSERT but become visible at COMMIT, so with plain
 * inserts id 7 can commit after id 8, and a reader that resumed after 8 would never see 7. Here
 * events wait in memory until the end of their transaction and are inserted as its last
 * statement, under one transaction-scoped advisory lock held through COMMIT: ids are taken and
 * made visible one transaction at a time, so every snapshot sees a prefix of the log. The lock is
 * held only for one insert and the commit, never while the transaction does its work.
 */
const EVENTS_LOCK = sql`pg_advisory_xact_lock(hashtext('process-factory:events'))`;

const pendingByTrx = new WeakMap<object, EventDraft[]>();

/** The one place an events row becomes a FactoryEvent. */
export function toFactoryEvent(row: Selectable<EventsTable>): FactoryEvent {
  return {
    id: row.id,
    type: row.type as EventType,
    at: row.at,
    runId: row.run_id,
    gateId: row.gate_id,
    data: parseObject(row.data, `event ${row.id} data`),
  };
}

/**
 * Records events with the change that causes them. In a transaction opened by `transaction()` they
 * are written just before COMMIT (see above); elsewhere at once, under the same lock.
 */
export async function recordEvents(db: Queryable, events: readonly EventDraft[]): Promise<void> {
  if (events.length === 0) return;
  const pending = pendingByTrx.get(db);
  if (pending) {
    pending.push(...events);
    return;
  }
  const list = [...events];
  if (beforeCommit(db, 'events', (trx) => insertLocked(trx, pendingByTrx.get(trx) ?? []))) {
    pendingByTrx.set(db, list);
    return;
  }
  if (db.isTransaction) return insertLocked(db, list);
  await db.transaction().execute((trx) => insertLocked(trx, list));
}

/** How many events wait for COMMIT in this transaction (savepoints roll back to a mark). */
export function pendingEventsMark(db: Queryable): number {
  return pendingByTrx.get(db)?.length ?? 0;
}

/** Forgets the events recorded after `mark` (their savepoint was rolled back). */
export function dropPendingEventsAfter(db: Queryable, mark: number): void {
  pendingByTrx.get(db)?.splice(mark);
}

async function insertLocked(db: Queryable, events: readonly EventDraft[]): Promise<void> {
  if (events.length === 0) return;
  await sql`select ${EVENTS_LOCK}`.execute(db);
  await db
    .insertInto('events')
    .values(events.map((e) => ({ type: e.type, at: e.at, run_id: e.runId, gate_id: e.gateId, data: toJson(e.data) })))
    .execute();
  wakeAfterCommit(db, 'events');
}

export interface EventQuery {
  /** Only events after this id (exclusive); "0" for the whole log. */
  after: string;
  types?: readonly EventType[];
  runId?: string;
  limit: number;
}

/** Events after a cursor, oldest first: always a gap-free continuation (see the ordering note). */
export async function listEventsAfter(db: Queryable, q: EventQuery): Promise<FactoryEvent[]> {
  let query = db.selectFrom('events').selectAll().where('id', '>', q.after);
  if (q.types && q.types.length < EVENT_TYPES.length) {
    if (q.types.length === 0) return [];
    query = query.where('type', 'in', [...q.types]);
  }
  if (q.runId) query = query.where('run_id', '=', q.runId);
  const rows = await query.orderBy('id').limit(q.limit).execute();
  return rows.map(toFactoryEvent);
}

/** The newest event id, "0" for an empty log. */
export async function latestEventId(db: Queryable): Promise<string> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return row?.id ? String(row.id) : '0';
}
