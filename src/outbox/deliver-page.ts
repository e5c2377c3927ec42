import type { OutboxMessage } from '../store';
import type { DeliveryContext } from './delivery-context';
import type { DeliveryOutcome } from './delivery-outcome';
import { pagerEventFromCard } from './pager-event';
import type { OutboxTarget } from './targets';

type PagerTarget = Extract<OutboxTarget, { type: 'pager' }>;

/** last_error of a page queued while no pager is configured (config: PAGER_EVENTS_URL, PAGER_ROUTING_KEY). */
export const PAGER_NOT_CONFIGURED = 'paging is not configured: set PAGER_EVENTS_URL and PAGER_ROUTING_KEY';

/**
 * POSTs a PagerDuty Events API v2 trigger. PagerDuty answers 202 when it accepted the event; 429
 * and 5xx are passing trouble (retried); any other answer means the event itself is wrong (a bad
 * routing key), which no retry can fix.
 */
export async function deliverPage(ctx: DeliveryContext, row: OutboxMessage, target: PagerTarget, now: Date): Promise<DeliveryOutcome> {
  const pager = ctx.pager;
  if (!pager) return { type: 'dead', error: PAGER_NOT_CONFIGURED };
  const event = pagerEventFromCard({
    card: row.payload,
    subject: row.subject,
    routingKey: pager.routingKey,
    dedupKey: target.dedupKey,
    severity: target.severity,
    now,
  });
  const where = describeEndpoint(pager.url);
  let res: Response;
  try {
    res = await (pager.fetch ?? fetch)(pager.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(ctx.sendTimeoutMs),
    });
  } catch (err) {
    return { type: 'failed', retryable: true, error: `the pager at ${where} could not be reached: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { type: 'sent' };
  }
  const text = (await res.text().catch(() => '')).trim().slice(0, 300);
  const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
  return { type: 'failed', retryable, error: `the pager at ${where} answered ${res.status}${text ? `: ${text}` : ''}` };
}

// Origin and path only: a query string may carry a token that must not land in last_error.
function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(an invalid PAGER_EVENTS_URL)';
  }
}
