import { eventPayload } from '../domain/event-catalog';
import type { OutboxMessage } from '../store';
import { getEvent, getWebhookSubscription } from '../store/webhook-subscriptions.store';
import { signWebhook } from '../webhooks/webhook-signature';
import type { DeliveryContext } from './delivery-context';
import type { DeliveryOutcome } from './delivery-outcome';
import type { OutboxTarget } from './targets';

type WebhookTarget = Extract<OutboxTarget, { type: 'webhook' }>;

/**
 * POSTs one event to a subscriber, signed the Standard Webhooks way. The body is built from the
 * event log at send time and the secret read from the subscription, so a retry sends the same
 * bytes with a fresh timestamp and signature. Any 2xx is delivered; 410 Gone gives up at once;
 * every other answer or a network error is retried with the outbox's backoff.
 */
export async function deliverWebhook(ctx: DeliveryContext, row: OutboxMessage, target: WebhookTarget, now: Date): Promise<DeliveryOutcome> {
  const db = ctx.database.db;
  const sub = await getWebhookSubscription(db, target.subscriptionId);
  if (!sub) return { type: 'dead', error: `webhook #${target.subscriptionId} was removed; this delivery is dropped` };
  const event = await getEvent(db, target.eventId);
  if (!event) return { type: 'dead', error: `event ${target.eventId} is no longer in the log` };
  const body = JSON.stringify(eventPayload(event));
  const headers = signWebhook(sub.secret, `evt_${event.id}`, Math.floor(now.getTime() / 1000), body);
  const where = describeEndpoint(sub.url);
  let res: Response;
  try {
    res = await (ctx.webhookFetch ?? fetch)(sub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'process-factory-webhooks', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ctx.sendTimeoutMs),
    });
  } catch (err) {
    return { type: 'failed', retryable: true, error: `webhook #${sub.id} at ${where} could not be reached: ${err instanceof Error ? err.message : String(err)}` };
  }
  const text = res.ok ? '' : (await res.text().catch(() => '')).trim().slice(0, 200);
  if (res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { type: 'sent' };
  }
  const error = `webhook #${sub.id} at ${where} answered ${res.status}${text ? `: ${text}` : ''} (try ${row.attempts})`;
  if (res.status === 410) return { type: 'dead', error };
  return { type: 'failed', retryable: true, error };
}

// Origin and path only: a query string may carry a token that must not land in last_error.
function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}
