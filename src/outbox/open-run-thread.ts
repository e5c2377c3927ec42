import type { ChatAdapter, MessageRef } from '../domain/chat-adapter';
import type { Platform } from '../domain/statuses';
import { getRunChannel, upsertRunChannel } from '../store';
import type { DeliveryContext } from './delivery-context';
import { withSendTimeout } from './delivery-errors';

/**
 * Records the run's place on `platform` under its freshly posted status message and opens the
 * run's thread there. The channel is recorded before the thread is asked for, so run-thread
 * posts can fall back to it even if the platform refuses threads. A retry (the post landed, the
 * thread call failed) opens the thread without posting again; one already opened is left alone.
 */
export async function openRunThread(
  ctx: DeliveryContext,
  adapter: ChatAdapter,
  platform: Platform,
  status: MessageRef,
  opener: { runId: string; name: string },
): Promise<void> {
  const db = ctx.database.db;
  const known = await getRunChannel(db, opener.runId, platform);
  if (known?.statusMessageId === status.messageId && known.threadId) return;
  await upsertRunChannel(db, { runId: opener.runId, platform, channelId: status.channelId, statusMessageId: status.messageId });
  if (!adapter.openThread) return;
  const threadId = await withSendTimeout(adapter.openThread(status, opener.name), ctx.sendTimeoutMs, `${platform} openThread`);
  if (threadId) await upsertRunChannel(db, { runId: opener.runId, platform, channelId: status.channelId, threadId });
}
