import type { ChatAdapter } from '../domain/chat-adapter';
import type { Platform } from '../domain/statuses';
import type { OutboxMessage } from '../store';
import { deliverMessage } from './deliver-message';
import { deliverPage } from './deliver-page';
import { deliverUpdate } from './deliver-update';
import { deliverWebhook } from './deliver-webhook';
import type { DeliveryContext } from './delivery-context';
import { describeFailure } from './delivery-errors';
import type { DeliveryOutcome } from './delivery-outcome';
import { outboxTargetSchema, type OutboxTarget } from './targets';

// Which targets each kind accepts; updates have none (they find their copies by subject).
const TARGETS_BY_KIND = { post: ['channel', 'run-thread'], dm: ['user'], page: ['pager'], webhook: ['webhook'] } as const;

/**
 * Delivers one claimed row and says how it went. Never throws: a problem with the row (bad target,
 * no adapter) or with the send becomes an outcome, so one row cannot stop a pass.
 */
export async function deliverRow(ctx: DeliveryContext, row: OutboxMessage, now: Date): Promise<DeliveryOutcome> {
  try {
    if (row.kind === 'update') {
      if (row.platform && !ctx.adapters.has(row.platform)) return noAdapter(row.platform);
      return await deliverUpdate(ctx, row);
    }
    const target = readTarget(row);
    if ('error' in target) return { type: 'failed', retryable: false, error: target.error };
    if (target.type === 'pager') return await deliverPage(ctx, row, target, now);
    if (target.type === 'webhook') return await deliverWebhook(ctx, row, target, now);
    const adapter = adapterFor(ctx, row);
    if ('type' in adapter) return adapter;
    return await deliverMessage(ctx, row, adapter.adapter, adapter.platform, target, now);
  } catch (err) {
    return { type: 'failed', ...describeFailure(err) };
  }
}

function readTarget(row: OutboxMessage): OutboxTarget | { error: string } {
  const parsed = outboxTargetSchema.safeParse(row.target);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(target)'} ${i.message}`).join('; ');
    return { error: `outbox ${row.id} has an unreadable target: ${issues}` };
  }
  const allowed: readonly string[] = TARGETS_BY_KIND[row.kind as keyof typeof TARGETS_BY_KIND] ?? [];
  if (!allowed.includes(parsed.data.type)) {
    return { error: `outbox ${row.id}: a ${row.kind} cannot go to a ${parsed.data.type} target (expected ${allowed.join(' or ') || 'none'})` };
  }
  return parsed.data;
}

function adapterFor(ctx: DeliveryContext, row: OutboxMessage): { adapter: ChatAdapter; platform: Platform } | DeliveryOutcome {
  if (!row.platform) return { type: 'failed', retryable: false, error: `outbox ${row.id}: a ${row.kind} needs a platform, and this row has none` };
  const adapter = ctx.adapters.get(row.platform);
  return adapter ? { adapter, platform: row.platform } : noAdapter(row.platform);
}

function noAdapter(platform: Platform): DeliveryOutcome {
  return {
    type: 'dead',
    error: `no chat adapter is configured for ${platform}, so this message cannot be sent: configure ${platform} and requeue it, or stop addressing ${platform}`,
  };
}
