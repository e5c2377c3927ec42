import { z } from 'zod';
import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import { isEventPattern } from '../domain/event-catalog';
import { authorize } from '../permissions/authorize';
import type { ServiceContext } from '../runner/service-context';
import { appendAudit } from '../store/audit.store';
import { transaction } from '../store/transaction';
import { listWebhookDeliveries, redeliverFailedWebhooks, webhookDeliveryStats, type WebhookDeliveryStats } from '../store/webhook-deliveries.store';
import { getWebhookSubscription, insertWebhookSubscription, listWebhookSubscriptions, removeWebhookSubscription, type WebhookSubscription } from '../store/webhook-subscriptions.store';
import { generateWebhookSecret, isWebhookSecret } from './webhook-signature';

export const webhookInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
  events: z.array(z.string().refine(isEventPattern, { message: 'is not an event type of the catalog (e.g. "run.completed", "gate.*", "*")' })).min(1).max(50),
  secret: z.string().refine(isWebhookSecret, { message: 'must look like whsec_<base64 of 16 to 64 bytes>; leave it out to have one generated' }).optional(),
  description: z.string().max(200).optional(),
});
export type WebhookInput = z.input<typeof webhookInputSchema>;

/** A subscription as callers see it: never its secret. */
export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  createdBy: string;
  createdAt: Date;
  deliveries: Omit<WebhookDeliveryStats, 'subscriptionId'>;
}

const toView = (sub: WebhookSubscription, stats?: WebhookDeliveryStats): WebhookView => ({
  id: sub.id,
  url: sub.url,
  events: sub.events,
  description: sub.description,
  createdBy: sub.createdBy.name,
  createdAt: sub.createdAt,
  deliveries: { sent: stats?.sent ?? 0, pending: stats?.pending ?? 0, retrying: stats?.retrying ?? 0, failed: stats?.failed ?? 0, lastError: stats?.lastError ?? null },
});

/**
 * Outbound webhook subscriptions, for every door (REST, CLI, chat status): admins manage them,
 * every change is audited. The secret is returned once, by `add`.
 */
export class WebhookService {
  constructor(private readonly ctx: Pick<ServiceContext, 'database' | 'config'>) {}

  async add(input: unknown, actor: Actor, now: Date): Promise<{ webhook: WebhookView; secret: string }> {
    authorize(actor, 'webhook.manage', this.ctx.config);
    const parsed = webhookInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UserError('invalid_arguments', `Webhook ${issue.path.join('.') || 'input'} ${issue.message}.`);
    }
    const secret = parsed.data.secret ?? generateWebhookSecret();
    const sub = await transaction(this.ctx.database, async (trx) => {
      const created = await insertWebhookSubscription(trx, { url: parsed.data.url, events: parsed.data.events, secret, description: parsed.data.description, createdBy: actor }, now);
      await appendAudit(trx, { at: now, actor, action: 'webhook.created', entityType: 'webhook', entityId: created.id, metadata: { url: created.url, events: created.events } });
      return created;
    });
    return { webhook: toView(sub), secret };
  }

  async list(actor: Actor): Promise<WebhookView[]> {
    authorize(actor, 'read', this.ctx.config);
    const db = this.ctx.database.db;
    const subs = await listWebhookSubscriptions(db);
    const stats = await webhookDeliveryStats(db, subs.map((s) => s.id));
    return subs.map((s) => toView(s, stats.find((x) => x.subscriptionId === s.id)));
  }

  async get(id: string, actor: Actor): Promise<WebhookView & { recent: Array<{ eventId: string; type: string; status: string; attempts: number; lastError: string | null; at: Date }> }> {
    authorize(actor, 'read', this.ctx.config);
    const db = this.ctx.database.db;
    const sub = await this.require(id);
    const [stats] = await webhookDeliveryStats(db, [sub.id]);
    const recent = (await listWebhookDeliveries(db, sub.id, 20)).map((m) => ({
      eventId: String((m.target as { eventId?: unknown } | null)?.eventId ?? ''),
      type: m.payload.title,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      at: m.sentAt ?? m.nextAttemptAt,
    }));
    return { ...toView(sub, stats), recent };
  }

  async remove(id: string, actor: Actor, now: Date): Promise<void> {
    authorize(actor, 'webhook.manage', this.ctx.config);
    await transaction(this.ctx.database, async (trx) => {
      if (!(await removeWebhookSubscription(trx, id, now))) throw unknownWebhook(id);
      await appendAudit(trx, { at: now, actor, action: 'webhook.removed', entityType: 'webhook', entityId: id });
    });
  }

  /** Queues every given-up delivery of a subscription again. */
  async redeliver(id: string, actor: Actor, now: Date): Promise<number> {
    authorize(actor, 'webhook.manage', this.ctx.config);
    await this.require(id);
    return transaction(this.ctx.database, async (trx) => {
      const count = await redeliverFailedWebhooks(trx, id, now);
      await appendAudit(trx, { at: now, actor, action: 'webhook.redelivered', entityType: 'webhook', entityId: id, metadata: { count } });
      return count;
    });
  }

  /** Subscriptions with undelivered events, for `/factory status` (no permission beyond reading). */
  async problems(): Promise<WebhookView[]> {
    const db = this.ctx.database.db;
    const subs = await listWebhookSubscriptions(db);
    const stats = await webhookDeliveryStats(db, subs.map((s) => s.id));
    return subs.map((s) => toView(s, stats.find((x) => x.subscriptionId === s.id))).filter((v) => v.deliveries.failed > 0 || v.deliveries.retrying > 0);
  }

  private async require(id: string): Promise<WebhookSubscription> {
    const sub = /^\d{1,18}$/.test(id) ? await getWebhookSubscription(this.ctx.database.db, id) : undefined;
    if (!sub) throw unknownWebhook(id);
    return sub;
  }
}

function unknownWebhook(id: string): UserError {
  return new UserError('unknown_webhook', `There is no webhook #${id}. \`npm run factory -- webhook list\` lists them.`);
}
