import type { MessageRef } from '../domain/chat-adapter';
import { listMessageRefs, type OutboxMessage } from '../store';
import { carryCardToUndelivered, hasNewerOutboxUpdate, listEarlierUnsentMessages } from '../store/outbox-ordering.store';
import type { DeliveryContext } from './delivery-context';
import { describeFailure, withSendTimeout } from './delivery-errors';
import type { DeliveryOutcome } from './delivery-outcome';
import { toPortRef } from './port-ref';

/**
 * Edits every copy of the subject's card on the row's platform (every platform when it has none).
 *
 * - Coalescing: a newer update of the subject covers this one, so the adapter is not called; only
 *   the newest card is ever applied.
 * - Ordering: while an earlier post or DM of the subject is pending or sending, wait for it (the
 *   claim already holds such rows back; this covers rows whose transactions committed out of id
 *   order). An earlier message that was given up (failed, dead) gets this card instead, so an
 *   operator's requeue posts what the subject looks like now.
 * - A copy that can never be edited again (deleted: ChatDeliveryError retryable false) is skipped;
 *   any passing failure fails the row, and the retry edits every copy again (edits are idempotent).
 */
export async function deliverUpdate(ctx: DeliveryContext, row: OutboxMessage): Promise<DeliveryOutcome> {
  const db = ctx.database.db;
  const scope = { id: row.id, subject: row.subject, platform: row.platform };
  if (await hasNewerOutboxUpdate(db, scope)) return { type: 'superseded' };
  const unsent = await listEarlierUnsentMessages(db, scope);
  const waiting = unsent.find((m) => m.status === 'pending' || m.status === 'sending');
  if (waiting) {
    return { type: 'deferred', reason: `waiting for outbox ${waiting.id} (${waiting.status}) to be sent first`, notBefore: waiting.dueAt };
  }
  const carried = await carryCardToUndelivered(db, { ids: unsent.map((m) => m.id), card: row.payload });
  const refs = await listMessageRefs(db, row.subject, row.platform ? { platform: row.platform } : {});
  if (refs.length === 0) {
    const note = carried > 0 ? `no copy to edit; the card was carried to ${carried} undelivered message(s)` : 'nothing to update: no message shows this subject';
    return { type: 'sent', note };
  }
  const results = await Promise.all(refs.map((ref) => updateCopy(ctx, row, toPortRef(ref))));
  const problems = results.filter((r): r is string => r !== null);
  if (problems.length > 0) {
    return { type: 'failed', retryable: true, error: `${problems.length} of ${refs.length} copies not updated: ${problems.join('; ')}` };
  }
  return { type: 'sent' };
}

/** Edits one copy; returns a retryable problem in words, or null (done, or skipped for good). */
async function updateCopy(ctx: DeliveryContext, row: OutboxMessage, ref: MessageRef): Promise<string | null> {
  const where = { outboxId: row.id, platform: ref.platform, channelId: ref.channelId, messageId: ref.messageId };
  const adapter = ctx.adapters.get(ref.platform);
  if (!adapter) {
    // Only an every-platform update gets here (a single-platform row without adapter is dead
    // before): a copy left on a platform this process no longer serves.
    ctx.log.warn(where, 'card copy is on a platform with no adapter configured; skipping it');
    return null;
  }
  try {
    await withSendTimeout(adapter.update(ref, row.payload), ctx.sendTimeoutMs, `${ref.platform} update`);
    return null;
  } catch (err) {
    const failure = describeFailure(err);
    if (failure.retryable) return `${ref.platform} ${ref.channelId}/${ref.messageId}: ${failure.error}`;
    ctx.log.warn({ ...where, error: failure.error }, 'card copy can no longer be edited; skipping it');
    return null;
  }
}
