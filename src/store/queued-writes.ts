import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, DB, OutboxTable, Queryable } from './db-schema';

/**
 * Audit and outbox rows queued in a transaction and written with one multi-row INSERT each, just
 * before COMMIT (see `transaction()`), instead of one round trip per row. A direct appendAudit or
 * enqueueOutbox in the same transaction flushes the queue first, so ids keep the order of the
 * calls. Outside a transaction opened with `transaction()` nothing is queued: rows go in at once.
 */
interface Queue {
  audit: Insertable<AuditLogTable>[];
  outbox: Insertable<OutboxTable>[];
  /** Called once after the outbox rows are written, when at least one was new. */
  onOutboxWritten: (db: Queryable) => void;
}

const queues = new WeakMap<object, Queue>();
/** Rows per INSERT: far below PostgreSQL's 65,535 parameters for both tables. */
const CHUNK = 1_000;

export function openWriteQueue(trx: Queryable, onOutboxWritten: (db: Queryable) => void): void {
  queues.set(trx, { audit: [], outbox: [], onOutboxWritten });
}

/** Queues an audit row; false when `db` has no queue (the caller writes it directly). */
export function queueAuditRow(db: Queryable, row: Insertable<AuditLogTable>): boolean {
  const queue = queues.get(db);
  if (!queue) return false;
  queue.audit.push(row);
  return true;
}

/** Queues an outbox row (ON CONFLICT (dedupe_key) DO NOTHING at flush); false when `db` has no queue. */
export function queueOutboxRow(db: Queryable, row: Insertable<OutboxTable>): boolean {
  const queue = queues.get(db);
  if (!queue) return false;
  queue.outbox.push(row);
  return true;
}

/** What is queued now, to put back with `restoreWriteQueue` when a savepoint rolls back. */
export function markWriteQueue(db: Queryable): { audit: Insertable<AuditLogTable>[]; outbox: Insertable<OutboxTable>[] } | undefined {
  const queue = queues.get(db);
  return queue && { audit: [...queue.audit], outbox: [...queue.outbox] };
}

/**
 * After ROLLBACK TO SAVEPOINT: the queue as it was at the mark. Rows queued inside the savepoint
 * are dropped; rows queued before it that a flush inside wrote (and the rollback undid) come back.
 */
export function restoreWriteQueue(db: Queryable, mark: ReturnType<typeof markWriteQueue>): void {
  const queue = queues.get(db);
  if (!queue || !mark) return;
  queue.audit = mark.audit;
  queue.outbox = mark.outbox;
}

/** Writes everything queued on `db` so far (audit rows first, then outbox rows), each in call order. */
export async function flushQueuedWrites(db: Queryable): Promise<void> {
  const queue = queues.get(db);
  if (!queue) return;
  const k = db as Kysely<DB>;
  while (queue.audit.length > 0) {
    const rows = queue.audit.splice(0, CHUNK);
    await k.insertInto('audit_log').values(rows).execute();
  }
  let inserted = 0;
  while (queue.outbox.length > 0) {
    const rows = queue.outbox.splice(0, CHUNK);
    const result = await k.insertInto('outbox').values(rows).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('id').execute();
    inserted += result.length;
  }
  if (inserted > 0) queue.onOutboxWritten(db);
}
