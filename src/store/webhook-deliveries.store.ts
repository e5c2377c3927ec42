import type { Queryable } from './db-schema';
import { requeueOutbox, toOutboxMessage, type OutboxMessage } from './outbox.store';

export interface WebhookDeliveryStats {
  subscriptionId: string;
  sent: number;
  /** Queued or being sent, including retries waiting for their backoff. */
  pending: number;
  /** Retrying after at least one failed try. */
  retrying: number;
  /** Given up (needs a redelivery). */
  failed: number;
  lastError: string | null;
}

/** Delivery counts per subscription, from the outbox rows queued for it. */
export async function webhookDeliveryStats(db: Queryable, subscriptionIds: readonly string[]): Promise<WebhookDeliveryStats[]> {
  if (subscriptionIds.length === 0) return [];
  const subjects = subscriptionIds.map((id) => `webhook:${id}`);
  const rows = await db
    .selectFrom('outbox')
    .select(['subject', 'status', 'last_error', 'id'])
    .where('kind', '=', 'webhook')
    .where('subject', 'in', subjects)
    .orderBy('id')
    .execute();
  const stats = new Map(subscriptionIds.map((id) => [id, { subscriptionId: id, sent: 0, pending: 0, retrying: 0, failed: 0, lastError: null as string | null }]));
  for (const row of rows) {
    const s = stats.get(row.subject.slice('webhook:'.length));
    if (!s) continue;
    if (row.status === 'sent') s.sent++;
    else if (row.status === 'failed' || row.status === 'dead') s.failed++;
    else if (row.last_error) s.retrying++;
    else s.pending++;
    if (row.last_error && row.status !== 'sent') s.lastError = row.last_error;
  }
  return [...stats.values()];
}

/** The latest deliveries of one subscription, newest first. */
export async function listWebhookDeliveries(db: Queryable, subscriptionId: string, limit: number): Promise<OutboxMessage[]> {
  const rows = await db.selectFrom('outbox').selectAll().where('kind', '=', 'webhook').where('subject', '=', `webhook:${subscriptionId}`).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toOutboxMessage);
}

/** Puts every given-up delivery of a subscription back in the queue; returns how many. */
export async function redeliverFailedWebhooks(db: Queryable, subscriptionId: string, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('kind', '=', 'webhook')
    .where('subject', '=', `webhook:${subscriptionId}`)
    .where('status', 'in', ['failed', 'dead'])
    .orderBy('id')
    .execute();
  let count = 0;
  for (const row of rows) if (await requeueOutbox(db, row.id, now)) count++;
  return count;
}
