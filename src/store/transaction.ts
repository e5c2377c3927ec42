import type { Transaction } from 'kysely';
import type { Database } from './database';
import type { DB, Queryable } from './db-schema';
import type { WakeTopic } from './wake-channel';
import { flushQueuedWrites, openWriteQueue } from './queued-writes';

type AfterCommit = () => void | Promise<void>;

type BeforeCommit = (trx: Transaction<DB>) => Promise<void>;

interface TxHooks {
  database: Database;
  callbacks: AfterCommit[];
  topics: Set<WakeTopic>;
  beforeCommit: Map<string, BeforeCommit>;
}

// Hooks hang off the Transaction object, so repositories that only get `trx` can still ask for
// a wake-up after commit. Root `db` objects are registered too (autocommit: "after" is now).
const hooksByTrx = new WeakMap<object, TxHooks>();
const databaseByDb = new WeakMap<object, Database>();

/** Lets `afterCommit`/`wakeAfterCommit` on `database.db` (outside a transaction) fire immediately. */
export function registerDatabase(database: Database): Database {
  databaseByDb.set(database.db, database);
  return database;
}

/**
 * Runs `fn` in one transaction. Callbacks and wake-ups registered with `afterCommit` and
 * `wakeAfterCommit` run only after COMMIT, once per topic, and never after a rollback; their
 * errors are logged, never thrown, since the work is already committed. On PGlite everything
 * else waits until this returns: use `trx` inside, never `database.db`.
 */
export async function transaction<T>(database: Database, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const hooks: TxHooks = { database, callbacks: [], topics: new Set(), beforeCommit: new Map() };
  const result = await database.db.transaction().execute(async (trx) => {
    hooksByTrx.set(trx, hooks);
    openWriteQueue(trx, () => hooks.topics.add('outbox'));
    const value = await fn(trx);
    // Audit and outbox rows queued with recordAudit/queueOutbox are written before COMMIT.
    await flushQueuedWrites(trx);
    for (const hook of hooks.beforeCommit.values()) await hook(trx);
    return value;
  });
  await runHooks(hooks);
  return result;
}

/** The Database a transaction (opened with `transaction()`) or a root `db` belongs to. */
export function databaseOf(db: Queryable): Database | undefined {
  return hooksByTrx.get(db)?.database ?? databaseByDb.get(db);
}

/**
 * Runs `fn` as the last statement(s) of the transaction, once per `key` however often it is asked
 * for. False (and nothing registered) when `db` is not a transaction opened by `transaction()`.
 */
export function beforeCommit(db: Queryable, key: string, fn: BeforeCommit): boolean {
  const hooks = hooksByTrx.get(db);
  if (!hooks) return false;
  if (!hooks.beforeCommit.has(key)) hooks.beforeCommit.set(key, fn);
  return true;
}

/** Runs `fn` after the transaction commits (at once when `db` is the root database). */
export function afterCommit(db: Queryable, fn: AfterCommit): void {
  const hooks = hooksByTrx.get(db);
  if (hooks) {
    hooks.callbacks.push(fn);
    return;
  }
  const database = databaseByDb.get(db);
  if (!database) throw new Error('afterCommit needs a transaction opened with transaction(database, fn), or the root database');
  void runHooks({ database, callbacks: [fn], topics: new Set(), beforeCommit: new Map() });
}

/**
 * Wakes `topic` after commit. Inside a transaction not opened by `transaction()` this does
 * nothing: the sleeping loop's poll picks the work up a little later.
 */
export function wakeAfterCommit(db: Queryable, topic: WakeTopic): void {
  const hooks = hooksByTrx.get(db);
  if (hooks) {
    hooks.topics.add(topic);
    return;
  }
  const database = databaseByDb.get(db);
  if (database) void runHooks({ database, callbacks: [], topics: new Set([topic]), beforeCommit: new Map() });
}

async function runHooks(hooks: TxHooks): Promise<void> {
  const { database } = hooks;
  for (const topic of hooks.topics) {
    try {
      await database.wake.notify(topic);
    } catch (err) {
      database.log(`wake-up "${topic}" after commit failed: ${(err as Error).message}`);
    }
  }
  for (const fn of hooks.callbacks) {
    try {
      await fn();
    } catch (err) {
      database.log(`after-commit callback failed: ${(err as Error).message}`);
    }
  }
}
