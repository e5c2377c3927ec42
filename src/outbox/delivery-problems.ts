import type { Platform } from '../domain/statuses';
import { listOutboxFailures, type OutboxKind, type Queryable } from '../store';

/** One message that has not reached its people, in the words /factory status needs. */
export interface DeliveryProblem {
  outboxId: string;
  kind: OutboxKind;
  subject: string;
  platform: Platform | null;
  /** retrying: failed before and will try again at `nextAttemptAt`; given-up: needs an operator's requeue. */
  state: 'retrying' | 'given-up';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

/**
 * Undelivered messages of these subjects ("run:5", "gate:17"), newest first: those given up and
 * those still retrying after an error. No subjects given: every subject. Rows merely waiting their
 * turn are not problems and are not listed.
 */
export async function listDeliveryProblems(db: Queryable, subjects?: readonly string[], opts: { limit?: number } = {}): Promise<DeliveryProblem[]> {
  const rows = await listOutboxFailures(db, { subjects, limit: opts.limit });
  return rows.map((row) => {
    const retrying = row.status === 'pending';
    return {
      outboxId: row.id,
      kind: row.kind,
      subject: row.subject,
      platform: row.platform,
      state: retrying ? 'retrying' : 'given-up',
      attempts: row.attempts,
      lastError: row.lastError,
      nextAttemptAt: retrying ? row.nextAttemptAt : null,
      createdAt: row.createdAt,
    };
  });
}
