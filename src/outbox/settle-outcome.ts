import { markOutboxFailed, markOutboxSent, type OutboxMessage } from '../store';
import { deferOutboxClaim } from '../store/outbox-ordering.store';
import type { DeliveryContext } from './delivery-context';
import type { DeliveryLabel, DeliveryOutcome } from './delivery-outcome';

/** What settling needs to know of a row (an unreadable row has no more than this). */
export type SettledRow = Pick<OutboxMessage, 'id' | 'subject' | 'platform' | 'attempts'> & { kind: string };

/** How soon a row that waits on another row looks again, at the least. */
export const DEFER_MS = 2_000;

/**
 * Writes one row's outcome back (only while this owner still holds it), logs it with the row id
 * and platform, and counts it. Labels: `failed` is a failed try that will be retried; `dead` is
 * given up (out of attempts, not retryable, or undeliverable as configured).
 */
export async function settleOutcome(ctx: DeliveryContext, row: SettledRow, outcome: DeliveryOutcome, now: Date): Promise<DeliveryLabel> {
  const db = ctx.database.db;
  const log = ctx.log.child({ outboxId: row.id, kind: row.kind, subject: row.subject, platform: row.platform, attempt: row.attempts });
  const held = { id: row.id, owner: ctx.owner, now };
  let label: DeliveryLabel;
  switch (outcome.type) {
    case 'sent':
    case 'superseded': {
      const stillHeld = await markOutboxSent(db, held);
      // Our send went out but the lock ran out first: another sender may be repeating it.
      if (!stillHeld) log.warn('delivered after this sender lost the claim; another sender may have delivered it too');
      if (outcome.type === 'superseded') log.debug('a newer update of this subject replaces this one; not sent');
      else log.debug(outcome.note ? { note: outcome.note } : {}, 'outbox message delivered');
      label = outcome.type;
      break;
    }
    case 'deferred': {
      const until = laterOf(new Date(now.getTime() + DEFER_MS), outcome.notBefore);
      await deferOutboxClaim(db, { id: row.id, owner: ctx.owner, until });
      log.debug({ reason: outcome.reason, until }, 'outbox message deferred');
      label = 'deferred';
      break;
    }
    case 'failed':
    case 'dead': {
      // "dead" now: a policy with no tries left makes the store give the row up at once.
      const policy = outcome.type === 'dead' ? { ...ctx.retry, maxAttempts: 0 } : ctx.retry;
      const retryable = outcome.type === 'dead' || outcome.retryable;
      const updated = await markOutboxFailed(db, { ...held, error: outcome.error, retryable, policy });
      if (!updated) {
        log.warn({ error: outcome.error }, 'delivery failed after this sender lost the claim; the new holder retries it');
        label = 'failed';
      } else if (updated.status === 'pending') {
        log.warn({ error: outcome.error, nextAttemptAt: updated.nextAttemptAt }, 'outbox delivery failed; will retry');
        label = 'failed';
      } else {
        log.error({ error: outcome.error, status: updated.status }, 'outbox message given up: it needs an operator to requeue it');
        label = 'dead';
      }
      break;
    }
  }
  ctx.metrics?.outboxDeliveries.inc({ platform: row.platform ?? (row.kind === 'page' ? 'pager' : row.kind === 'webhook' ? 'webhook' : 'all'), outcome: label });
  return label;
}

function laterOf(a: Date, b: Date | null | undefined): Date {
  return b && b.getTime() > a.getTime() ? b : a;
}
