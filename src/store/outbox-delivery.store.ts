import type { Queryable } from './db-schema';
import { toOutboxMessage, type OutboxMessage } from './outbox.store';

export interface OutboxRetryPolicy {
  /** Attempts after which a retryable failure becomes `dead` (default 10). */
  maxAttempts: number;
  /** Delay before the next try, given the tries so far (default: 5 s doubling, at most 15 min). */
  backoffMs: (attempts: number) => number;
}

/** 5 s, 10 s, 20 s ... capped at 15 min; no jitter, so tests can state exact times. */
export const outboxBackoffMs = (attempts: number): number => Math.min(15 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));

export const DEFAULT_OUTBOX_RETRY: OutboxRetryPolicy = { maxAttempts: 10, backoffMs: outboxBackoffMs };

/** Marks a claimed message delivered. False when this owner no longer holds it (its lock ran out). */
export async function markOutboxSent(db: Queryable, opts: { id: string; owner: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: opts.now, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', opts.id)
    .where('status', '=', 'sending')
    .where('locked_by', '=', opts.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records a failed delivery. Retryable: back to `pending` at now + backoff(attempts), or `dead`
 * once attempts reach the maximum. Not retryable (the channel is gone, no permission): `failed` at
 * once. Returns the updated message, or undefined when this owner no longer holds it.
 */
export async function markOutboxFailed(
  db: Queryable,
  opts: { id: string; owner: string; now: Date; error: string; retryable: boolean; policy?: OutboxRetryPolicy },
): Promise<OutboxMessage | undefined> {
  const policy = opts.policy ?? DEFAULT_OUTBOX_RETRY;
  const held = await db
    .selectFrom('outbox')
    .select('attempts')
    .where('id', '=', opts.id)
    .where('status', '=', 'sending')
    .where('locked_by', '=', opts.owner)
    .executeTakeFirst();
  if (!held) return undefined;
  const status = !opts.retryable ? 'failed' : held.attempts >= policy.maxAttempts ? 'dead' : 'pending';
  const row = await db
    .updateTable('outbox')
    .set({
      status,
      last_error: opts.error.slice(0, 2000),
      next_attempt_at: status === 'pending' ? new Date(opts.now.getTime() + policy.backoffMs(held.attempts)) : opts.now,
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', opts.id)
    .where('status', '=', 'sending')
    .where('locked_by', '=', opts.owner)
    .returningAll()
    .executeTakeFirst();
  return row && toOutboxMessage(row);
}

/** Gives back every message this owner holds (a graceful shutdown), due again at `now`. */
export async function releaseOutboxClaims(db: Queryable, opts: { owner: string; now: Date }): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: opts.now, locked_by: null, locked_until: null })
    .where('status', '=', 'sending')
    .where('locked_by', '=', opts.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
