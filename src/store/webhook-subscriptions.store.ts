import type { Selectable } from 'kysely';
import type { Actor } from '../domain/actor';
import type { FactoryEvent } from '../domain/event-catalog';
import type { Queryable, WebhookSubscriptionsTable } from './db-schema';
import { parseActor, toJson } from './json-columns';
import { latestEventId, toFactoryEvent } from './events.store';
import { enqueueOutbox } from './outbox.store';

export interface WebhookSubscription {
  id: string;
  url: string;
  /** Event type patterns ("run.completed", "gate.*", "*"). */
  events: string[];
  /** The signing secret (`whsec_…`); never shown again after creation. */
  secret: string;
  description: string | null;
  createdBy: Actor;
  createdAt: Date;
  /** The last event id already queued for this subscription. */
  cursor: string;
}

/** The one place a webhook_subscriptions row becomes a WebhookSubscription. */
export function toWebhookSubscription(row: Selectable<WebhookSubscriptionsTable>): WebhookSubscription {
  const events = Array.isArray(row.events) ? row.events.filter((e): e is string => typeof e === 'string') : [];
  return {
    id: row.id,
    url: row.url,
    events,
    secret: row.secret,
    description: row.description,
    createdBy: parseActor(row.created_by, `webhook ${row.id} created_by`),
    createdAt: row.created_at,
    cursor: String(row.cursor),
  };
}

/** Adds a subscription. It receives events committed from now on (its cursor starts at the log's head). */
export async function insertWebhookSubscription(
  db: Queryable,
  input: { url: string; events: readonly string[]; secret: string; description?: string | null; createdBy: Actor },
  now: Date,
): Promise<WebhookSubscription> {
  const row = await db
    .insertInto('webhook_subscriptions')
    .values({
      url: input.url,
      events: toJson([...input.events]),
      secret: input.secret,
      description: input.description ?? null,
      created_by: toJson(input.createdBy),
      created_at: now,
      cursor: await latestEventId(db),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWebhookSubscription(row);
}

export async function listWebhookSubscriptions(db: Queryable): Promise<WebhookSubscription[]> {
  const rows = await db.selectFrom('webhook_subscriptions').selectAll().where('removed_at', 'is', null).orderBy('id').execute();
  return rows.map(toWebhookSubscription);
}

export async function getWebhookSubscription(db: Queryable, id: string): Promise<WebhookSubscription | undefined> {
  const row = await db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  return row && toWebhookSubscription(row);
}

/** Removes a subscription (kept as a row, so deliveries already queued can still name it). */
export async function removeWebhookSubscription(db: Queryable, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('webhook_subscriptions').set({ removed_at: now }).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Locks active subscriptions for the dispatcher (SKIP LOCKED: another replica dispatching the
 * same subscription is skipped, not waited for).
 */
export async function lockWebhookSubscriptions(db: Queryable): Promise<WebhookSubscription[]> {
  const rows = await db.selectFrom('webhook_subscriptions').selectAll().where('removed_at', 'is', null).orderBy('id').forUpdate().skipLocked().execute();
  return rows.map(toWebhookSubscription);
}

/**
 * Queues one delivery per matching event and moves the cursor past `upTo`, in the caller's
 * transaction: an event is queued once per subscription (the dedupe key says so too).
 */
export async function queueWebhookDeliveries(db: Queryable, sub: WebhookSubscription, events: readonly FactoryEvent[], upTo: string, now: Date): Promise<number> {
  for (const event of events) {
    await enqueueOutbox(db, {
      dedupeKey: `webhook:${sub.id}:${event.id}`,
      kind: 'webhook',
      subject: `webhook:${sub.id}`,
      target: { type: 'webhook', subscriptionId: sub.id, eventId: event.id },
      payload: { kind: 'notice', title: event.type, summary: `event ${event.id} to webhook #${sub.id} (${sub.url})`, tone: 'info' },
      now,
    });
  }
  await db.updateTable('webhook_subscriptions').set({ cursor: upTo }).where('id', '=', sub.id).execute();
  return events.length;
}

/** One event by id (the webhook deliverer builds the body from the log itself). */
export async function getEvent(db: Queryable, id: string): Promise<FactoryEvent | undefined> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toFactoryEvent(row);
}
