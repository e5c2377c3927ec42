import type { ChatTarget } from '../domain/chat-adapter';
import type { Platform } from '../domain/statuses';
import { getRunChannel, type Queryable } from '../store';
import { findThreadOpenerInFlight } from '../store/outbox-ordering.store';
import type { DeliveryOutcome } from './delivery-outcome';
import type { OutboxTarget } from './targets';

type PostTarget = Extract<OutboxTarget, { type: 'channel' | 'run-thread' }>;

/** Where a post goes right now, or why it cannot go yet. */
export type ResolvedPostTarget = { type: 'target'; target: ChatTarget } | DeliveryOutcome;

/**
 * A channel target is used as written. A run-thread target is looked up at delivery time: the
 * run's thread on this platform; while the post that opens that thread is still queued, wait for
 * it (so a gate card queued together with the run's status card lands in the thread); after that,
 * the run's channel. Nothing known at all is a retryable failure, so it stays bounded by the
 * retry policy and shows up in /factory status instead of waiting forever.
 */
export async function resolvePostTarget(db: Queryable, target: PostTarget, platform: Platform): Promise<ResolvedPostTarget> {
  if (target.type === 'channel') {
    return { type: 'target', target: { channelId: target.channelId, threadId: target.threadId ?? null } };
  }
  const place = await getRunChannel(db, target.runId, platform);
  if (place?.threadId) return { type: 'target', target: { channelId: place.channelId, threadId: place.threadId } };
  const opener = await findThreadOpenerInFlight(db, { runId: target.runId, platform });
  if (opener) {
    return {
      type: 'deferred',
      reason: `run ${target.runId} has no thread on ${platform} yet; outbox ${opener.id} (${opener.status}) opens it`,
      notBefore: opener.dueAt,
    };
  }
  if (place) return { type: 'target', target: { channelId: place.channelId, threadId: null } };
  return {
    type: 'failed',
    retryable: true,
    error: `run ${target.runId} has no channel on ${platform}: nothing in run_channels and no post queued to open its thread`,
  };
}
