import type { OutboxMessage } from '../store';
import { claimDueOutboxInOrder, deferOutboxClaim, type UnreadableOutboxRow } from '../store/outbox-ordering.store';
import { deliverRow } from './deliver-row';
import type { DeliveryContext } from './delivery-context';
import { countOutcome, emptyCounts, type DeliveryCounts, type DeliveryOutcome } from './delivery-outcome';
import { settleOutcome, type SettledRow } from './settle-outcome';

// Rounds per pass at most; the wall-clock budget below usually ends a busy pass first.
const MAX_ROUNDS = 50;

/** How one pass runs; the delivery loop fills it in. */
export interface PassOptions {
  /** The pass's clock: claims lock until now + lockMs, backoff counts from it. */
  now: Date;
  batchSize: number;
  lockMs: number;
  /** Checked between rounds and rows: true once stop() was called. */
  stopping: () => boolean;
}

/**
 * One pass: claims due rows round after round and delivers them, until nothing is due. A round's
 * rows go in lanes, one per platform (and one for the pager, one for every-platform updates): a
 * lane delivers its rows one by one in id order, lanes run side by side. So a run's status card
 * has opened the thread before the gate card behind it looks for it, and a slow platform only
 * slows its own lane.
 *
 * Claims hold until `now + lockMs`. A row is only started within the first quarter of that (by the
 * wall clock) and a send may take half of it, so it is settled before another sender could take it
 * over. Rows not started in time are given back uncounted and `more` asks for another pass.
 */
export async function runDeliveryPass(ctx: DeliveryContext, opts: PassOptions): Promise<{ counts: DeliveryCounts; more: boolean }> {
  const counts = emptyCounts();
  const deadline = performance.now() + opts.lockMs / 4;
  const state = { more: false };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (opts.stopping()) return { counts, more: false };
    if (performance.now() > deadline) return { counts, more: true };
    const { messages, unreadable } = await claimDueOutboxInOrder(ctx.database.db, { owner: ctx.owner, now: opts.now, lockMs: opts.lockMs, limit: opts.batchSize });
    if (messages.length === 0 && unreadable.length === 0) return { counts, more: state.more };
    await Promise.all([
      ...unreadable.map((row) => settle(ctx, row, giveUp(row), opts.now, counts)),
      ...[...lanes(messages).values()].map((lane) => runLane(ctx, lane, opts, deadline, counts, state)),
    ]);
  }
  return { counts, more: true };
}

async function runLane(ctx: DeliveryContext, lane: OutboxMessage[], opts: PassOptions, deadline: number, counts: DeliveryCounts, state: { more: boolean }): Promise<void> {
  for (const row of lane) {
    if (opts.stopping() || performance.now() > deadline) {
      await giveBack(ctx, row, opts.now);
      state.more = !opts.stopping();
      continue;
    }
    await settle(ctx, row, await deliverRow(ctx, row, opts.now), opts.now, counts);
  }
}

// Claims come back in id order, so each lane is in id order too.
function lanes(rows: OutboxMessage[]): Map<string, OutboxMessage[]> {
  const byLane = new Map<string, OutboxMessage[]>();
  for (const row of rows) {
    // Each webhook subscription is its own lane: a slow receiver holds back only itself.
    const key = row.kind === 'page' ? 'pager' : row.kind === 'webhook' ? row.subject : (row.platform ?? 'every-platform');
    byLane.set(key, [...(byLane.get(key) ?? []), row]);
  }
  return byLane;
}

const giveUp = (row: UnreadableOutboxRow): DeliveryOutcome => ({ type: 'failed', retryable: false, error: row.error });

async function giveBack(ctx: DeliveryContext, row: OutboxMessage, now: Date): Promise<void> {
  try {
    await deferOutboxClaim(ctx.database.db, { id: row.id, owner: ctx.owner, until: now });
  } catch (err) {
    ctx.log.error({ err, outboxId: row.id }, 'could not give back an outbox claim; it is retried when its lock runs out');
  }
}

async function settle(ctx: DeliveryContext, row: SettledRow, outcome: DeliveryOutcome, now: Date, counts: DeliveryCounts): Promise<void> {
  try {
    countOutcome(counts, await settleOutcome(ctx, row, outcome, now));
  } catch (err) {
    // Only the write-back can throw (the database is unreachable). The row stays claimed until its
    // lock runs out, then it is tried again: at least once, never lost.
    ctx.log.error({ err, outboxId: row.id, platform: row.platform }, 'could not record an outbox delivery outcome');
    counts.failed += 1;
  }
}
