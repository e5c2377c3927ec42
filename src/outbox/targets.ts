import { z } from 'zod';

/**
 * Where an outbox row goes, stored in `outbox.target` (JSON) and parsed back with this schema.
 * - channel: a platform channel (optionally a thread); `openThreadForRun` asks delivery to open the
 *   run's thread under the posted message and record it in run_channels.
 * - run-thread: the run's thread on the row's platform, resolved at delivery time from
 *   run_channels; it falls back to the run's channel while no thread exists.
 * - user: a direct message to a platform user.
 * - pager: the paging webhook (PagerDuty Events API v2); the card's title and summary describe it.
 * - webhook: one event of the log to one outbound webhook subscription (the card only labels it).
 * Update rows have no target: they reach every message recorded for their subject (message_refs).
 */
export const outboxTargetSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('channel'),
    channelId: z.string().min(1),
    threadId: z.string().nullish(),
    openThreadForRun: z.object({ runId: z.string(), name: z.string() }).optional(),
  }),
  z.object({ type: z.literal('run-thread'), runId: z.string() }),
  z.object({ type: z.literal('user'), userId: z.string().min(1) }),
  z.object({ type: z.literal('pager'), dedupKey: z.string().min(1).max(255), severity: z.enum(['critical', 'error', 'warning', 'info']) }),
  z.object({ type: z.literal('webhook'), subscriptionId: z.string().min(1), eventId: z.string().min(1) }),
]);

export type OutboxTarget = z.output<typeof outboxTargetSchema>;
