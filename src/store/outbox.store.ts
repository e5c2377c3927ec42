import type { Insertable, Selectable } from 'kysely';
import type { Card } from '../domain/card';
import type { Platform } from '../domain/statuses';
import type { OutboxTable, Queryable } from './db-schema';
import { parseCard, parseOptionalObject, toJson, toJsonOrNull } from './json-columns';
import { flushQueuedWrites, queueOutboxRow } from './queued-writes';
import { wakeAfterCommit } from './transaction';

/** `webhook`: a signed POST of one event to a subscriber (outbox/deliver-webhook.ts). */
export type OutboxKind = 'post' | 'update' | 'dm' | 'page' | 'webhook';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

export interface OutboxMessage {
  id: string;
  dedupeKey: string;
  kind: OutboxKind;
  /** What the message shows ("gate:17", "run:5"); updates reach every copy recorded for it in message_refs. */
  subject: string;
  /** null: every configured platform. */
  platform: Platform | null;
  /** Where to: { channelId, threadId? } for posts, { userId } for DMs, null for updates (found by subject). */
  target: Record<string, unknown> | null;
  payload: Card;
  status: OutboxStatus;
  /** Delivery tries so far (counted when claimed). */
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The one place an outbox row becomes an OutboxMessage. */
export function toOutboxMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    kind: row.kind as OutboxKind,
    subject: row.subject,
    platform: row.platform as Platform | null,
    target: parseOptionalObject(row.target, `outbox ${row.id} target`),
    payload: parseCard(row.payload),
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export interface NewOutboxMessage {
  /** Same key, same message: a second enqueue (a retried transaction, a second replica) is ignored. */
  dedupeKey: string;
  kind: OutboxKind;
  subject: string;
  platform?: Platform | null;
  target?: Record<string, unknown> | null;
  /** The rendered Card, as it should look when delivered. */
  payload: Card;
  now: Date;
  /** Deliver no earlier than this (default: now). */
  notBefore?: Date;
}

/**
 * Queues a message in the caller's transaction, so it exists exactly when the change that caused
 * it commits. `ON CONFLICT (dedupe_key) DO NOTHING`: returns `enqueued: false` and the existing
 * row's id for a duplicate. Wakes the outbox after commit.
 */
export async function enqueueOutbox(db: Queryable, msg: NewOutboxMessage): Promise<{ id: string; enqueued: boolean }> {
  await flushQueuedWrites(db);
  const row = await db
    .insertInto('outbox')
    .values(outboxRow(msg))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) {
    wakeAfterCommit(db, 'outbox');
    return { id: row.id, enqueued: true };
  }
  const existing = await db.selectFrom('outbox').select('id').where('dedupe_key', '=', msg.dedupeKey).executeTakeFirstOrThrow();
  return { id: existing.id, enqueued: false };
}

/**
 * Like enqueueOutbox, for callers that need no id back: in a transaction opened with
 * `transaction()` the row is queued and written with the others in one INSERT before COMMIT
 * (same dedupe rule); elsewhere it is inserted at once.
 */
export async function queueOutbox(db: Queryable, msg: NewOutboxMessage): Promise<void> {
  if (!queueOutboxRow(db, outboxRow(msg))) await enqueueOutbox(db, msg);
}

function outboxRow(msg: NewOutboxMessage): Insertable<OutboxTable> {
  return {
    dedupe_key: msg.dedupeKey,
    kind: msg.kind,
    subject: msg.subject,
    platform: msg.platform ?? null,
    target: toJsonOrNull(msg.target),
    payload: toJson(msg.payload),
    status: 'pending',
    next_attempt_at: msg.notBefore ?? msg.now,
    created_at: msg.now,
  };
}

export async function getOutboxMessage(db: Queryable, id: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOutboxMessage(row);
}

/** Messages of one subject, oldest first (tests, "where did this card go"). */
export async function listOutboxForSubject(db: Queryable, subject: string): Promise<OutboxMessage[]> {
  const rows = await db.selectFrom('outbox').selectAll().where('subject', '=', subject).orderBy('id').execute();
  return rows.map(toOutboxMessage);
}

/**
 * What could not be delivered, newest first: given up (`failed`: not retryable; `dead`: out of
 * attempts) and still retrying after an error. Optionally only for some subjects.
 */
export async function listOutboxFailures(db: Queryable, opts: { subjects?: readonly string[]; limit?: number } = {}): Promise<OutboxMessage[]> {
  if (opts.subjects && opts.subjects.length === 0) return [];
  let query = db
    .selectFrom('outbox')
    .selectAll()
    .where((eb) => eb.or([eb('status', 'in', ['failed', 'dead']), eb.and([eb('status', '=', 'pending'), eb('last_error', 'is not', null)])]));
  if (opts.subjects) query = query.where('subject', 'in', [...opts.subjects]);
  const rows = await query.orderBy('id', 'desc').limit(opts.limit ?? 50).execute();
  return rows.map(toOutboxMessage);
}

/** Puts a failed or dead message back in the queue with fresh attempts (an operator's "retry"). */
export async function requeueOutbox(db: Queryable, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'dead'])
    .executeTakeFirst();
  const requeued = Number(result.numUpdatedRows) === 1;
  if (requeued) wakeAfterCommit(db, 'outbox');
  return requeued;
}

/** Distinct subjects starting with `prefix` (the held-back DMs of one gate), so each can be updated. */
export async function listSubjectsWithPrefix(db: Queryable, prefix: string): Promise<string[]> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db.selectFrom('outbox').select('subject').distinct().where('subject', 'like', `${escaped}%`).execute();
  return rows.map((r) => r.subject);
}
