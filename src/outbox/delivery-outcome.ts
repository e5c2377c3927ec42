/**
 * What delivering one outbox row came to, before it is written back. Deliverers return one of
 * these and never touch the row's status themselves; settle-outcome.ts applies it.
 */
export type DeliveryOutcome =
  /** Delivered (or nothing left to deliver; `note` says why, for the debug log). */
  | { type: 'sent'; note?: string }
  /** A newer update of the same subject and platform exists: the newest card wins. */
  | { type: 'superseded' }
  /**
   * Waits for another row (an earlier post, the post that opens the run's thread); no attempt is
   * counted. `notBefore`: when that row is next tried, so a wait on a platform that is down does
   * not spin.
   */
  | { type: 'deferred'; reason: string; notBefore?: Date | null }
  /** Tried and failed: retried with backoff, or given up at once when not retryable. */
  | { type: 'failed'; error: string; retryable: boolean }
  /** Can never be delivered as configured (no adapter, no pager): given up at once. */
  | { type: 'dead'; error: string };

/** The metric label of a settled row (factory_outbox_deliveries_total{outcome}). */
export type DeliveryLabel = 'sent' | 'failed' | 'dead' | 'superseded' | 'deferred';

/** What one pass did: `sent` includes superseded updates; `failed` includes rows given up. */
export interface DeliveryCounts {
  sent: number;
  failed: number;
  deferred: number;
}

/** A pass's counts before any row. */
export const emptyCounts = (): DeliveryCounts => ({ sent: 0, failed: 0, deferred: 0 });

/** Adds one settled row to the pass's counts. */
export function countOutcome(counts: DeliveryCounts, label: DeliveryLabel): void {
  if (label === 'sent' || label === 'superseded') counts.sent += 1;
  else if (label === 'deferred') counts.deferred += 1;
  else counts.failed += 1;
}
