import type { ChatAdapter, MessageRef } from '../domain/chat-adapter';
import type { Platform } from '../domain/statuses';
import { addMessageRef, type OutboxMessage } from '../store';
import { getMessageRefForOutbox } from '../store/outbox-ordering.store';
import type { DeliveryContext } from './delivery-context';
import { withSendTimeout } from './delivery-errors';
import type { DeliveryOutcome } from './delivery-outcome';
import { openRunThread } from './open-run-thread';
import { toPortRef } from './port-ref';
import { resolvePostTarget } from './resolve-post-target';
import type { OutboxTarget } from './targets';

type MessageTarget = Extract<OutboxTarget, { type: 'channel' | 'run-thread' | 'user' }>;

/**
 * Posts a card (or DMs it) and records where it landed, under the row's subject and id, before
 * anything else can fail. That record is what keeps a retry from posting twice: a row whose
 * message already exists (its sender crashed, or opening the thread failed) skips the send and
 * only finishes the remaining steps. The one window left is between the platform's answer and
 * that insert.
 */
export async function deliverMessage(
  ctx: DeliveryContext,
  row: OutboxMessage,
  adapter: ChatAdapter,
  platform: Platform,
  target: MessageTarget,
  now: Date,
): Promise<DeliveryOutcome> {
  const db = ctx.database.db;
  const landed = await getMessageRefForOutbox(db, row.id);
  let ref: MessageRef | undefined = landed && toPortRef(landed);
  if (ref) {
    ctx.log.info({ outboxId: row.id, platform, messageId: ref.messageId }, 'outbox message had already landed; finishing without sending again');
  } else {
    let send: Promise<MessageRef>;
    if (target.type === 'user') {
      send = adapter.dm(target.userId, row.payload);
    } else {
      const resolved = await resolvePostTarget(db, target, platform);
      if (resolved.type !== 'target') return resolved;
      send = adapter.post(resolved.target, row.payload);
    }
    ref = await withSendTimeout(send, ctx.sendTimeoutMs, `${platform} ${row.kind}`);
    await addMessageRef(db, { subject: row.subject, ref, outboxId: row.id, now });
  }
  if (target.type === 'channel' && target.openThreadForRun) {
    await openRunThread(ctx, adapter, platform, ref, target.openThreadForRun);
  }
  return { type: 'sent' };
}
