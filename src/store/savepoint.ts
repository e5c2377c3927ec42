import { sql, type Transaction } from 'kysely';
import type { DB } from './db-schema';
import { markWriteQueue, restoreWriteQueue } from './queued-writes';
import { dropPendingEventsAfter, pendingEventsMark } from './events.store';

export type SavepointResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `fn` inside a savepoint of the caller's transaction. When it throws, only its own writes
 * are rolled back and the error is returned, so one bad item (a gate whose run cannot be loaded)
 * cannot undo or block the rest of a batch. `name` must be a plain SQL identifier.
 */
export async function withSavepoint<T>(trx: Transaction<DB>, name: string, fn: () => Promise<T>): Promise<SavepointResult<T>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`"${name}" is not a savepoint name`);
  const id = sql.id(name);
  const queued = markWriteQueue(trx);
  await sql`savepoint ${id}`.execute(trx);
  // Events wait in memory until COMMIT (events.store.ts), so they roll back with the savepoint here.
  const events = pendingEventsMark(trx);
  try {
    const value = await fn();
    await sql`release savepoint ${id}`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to savepoint ${id}`.execute(trx);
    restoreWriteQueue(trx, queued);
    dropPendingEventsAfter(trx, events);
    return { ok: false, error };
  }
}
