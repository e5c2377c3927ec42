import { z } from 'zod';
import { EVENT_TYPES } from '../../domain/event-catalog';
import { WebhookService, webhookInputSchema, type WebhookView } from '../../webhooks/webhook-service';
import type { ApiDeps } from '../api-deps';
import { defineRoute } from '../define-route';
import { idParams } from '../schemas/common.schema';

const deliveriesSchema = z.object({
  sent: z.number().int(),
  pending: z.number().int(),
  retrying: z.number().int().meta({ description: 'Waiting for the next try after a failure' }),
  failed: z.number().int().meta({ description: 'Given up; POST …/redeliver queues them again' }),
  last_error: z.string().nullable(),
});
const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  created_by: z.string(),
  created_at: z.string(),
  deliveries: deliveriesSchema,
});
const recentSchema = z.object({ event_id: z.string(), type: z.string(), status: z.string(), attempts: z.number().int(), last_error: z.string().nullable(), at: z.string() });

const service = (deps: ApiDeps) => new WebhookService(deps.ctx);
const toDto = (w: WebhookView) => ({
  id: w.id,
  url: w.url,
  events: w.events,
  description: w.description,
  created_by: w.createdBy,
  created_at: w.createdAt.toISOString(),
  deliveries: { sent: w.deliveries.sent, pending: w.deliveries.pending, retrying: w.deliveries.retrying, failed: w.deliveries.failed, last_error: w.deliveries.lastError },
});

export const listWebhooksRoute = defineRoute({
  method: 'GET',
  path: '/v1/webhooks',
  operationId: 'listWebhooks',
  summary: 'Outbound webhook subscriptions, with their delivery counts',
  tag: 'webhooks',
  auth: 'token',
  scope: 'runs:read',
  query: z.strictObject({}),
  response: { status: 200, description: 'Every active subscription (never its secret)', schema: z.object({ items: z.array(webhookSchema) }) },
  async handler({ principal, deps }) {
    return { body: { items: (await service(deps).list(principal.actor)).map(toDto) } };
  },
});

export const createWebhookRoute = defineRoute({
  method: 'POST',
  path: '/v1/webhooks',
  operationId: 'createWebhook',
  summary: 'Subscribe a URL to events; deliveries are signed (Standard Webhooks) with the returned secret',
  tag: 'webhooks',
  auth: 'token',
  scope: 'runs:write',
  body: webhookInputSchema,
  response: { status: 201, description: 'The subscription, and its secret (shown this once)', schema: z.object({ webhook: webhookSchema, secret: z.string() }) },
  async handler({ principal, body, now, deps }) {
    const { webhook, secret } = await service(deps).add(body, principal.actor, now);
    return { status: 201, body: { webhook: toDto(webhook), secret } };
  },
});

export const getWebhookRoute = defineRoute({
  method: 'GET',
  path: '/v1/webhooks/{id}',
  operationId: 'getWebhook',
  summary: 'One subscription and its latest deliveries (failures included)',
  tag: 'webhooks',
  auth: 'token',
  scope: 'runs:read',
  params: idParams,
  query: z.strictObject({}),
  response: { status: 200, description: 'The subscription', schema: webhookSchema.extend({ recent: z.array(recentSchema) }) },
  problems: [404],
  async handler({ principal, params, deps }) {
    const w = await service(deps).get(params.id, principal.actor);
    const recent = w.recent.map((r) => ({ event_id: r.eventId, type: r.type, status: r.status, attempts: r.attempts, last_error: r.lastError, at: r.at.toISOString() }));
    return { body: { ...toDto(w), recent } };
  },
});

export const deleteWebhookRoute = defineRoute({
  method: 'DELETE',
  path: '/v1/webhooks/{id}',
  operationId: 'deleteWebhook',
  summary: 'Remove a subscription; deliveries still queued for it are dropped',
  tag: 'webhooks',
  auth: 'token',
  scope: 'runs:write',
  params: idParams,
  query: z.strictObject({}),
  response: { status: 200, description: 'Removed', schema: z.object({ removed: z.literal(true) }) },
  problems: [404],
  async handler({ principal, params, now, deps }) {
    await service(deps).remove(params.id, principal.actor, now);
    return { body: { removed: true as const } };
  },
});

export const redeliverWebhookRoute = defineRoute({
  method: 'POST',
  path: '/v1/webhooks/{id}/redeliver',
  operationId: 'redeliverWebhook',
  summary: 'Queue every given-up delivery of a subscription again',
  tag: 'webhooks',
  auth: 'token',
  scope: 'runs:write',
  params: idParams,
  body: z.strictObject({}),
  response: { status: 200, description: 'How many deliveries were queued again', schema: z.object({ requeued: z.number().int() }) },
  problems: [404],
  async handler({ principal, params, now, deps }) {
    return { body: { requeued: await service(deps).redeliver(params.id, principal.actor, now) } };
  },
});

export const listEventTypesRoute = defineRoute({
  method: 'GET',
  path: '/v1/events/types',
  operationId: 'listEventTypes',
  summary: 'The event catalog (types carried by GET /v1/events and by webhooks)',
  tag: 'webhooks',
  auth: 'token',
  scope: 'runs:read',
  query: z.strictObject({}),
  response: { status: 200, description: 'Every event type', schema: z.object({ items: z.array(z.string()) }) },
  async handler() {
    return { body: { items: [...EVENT_TYPES] } };
  },
});

export const WEBHOOK_ROUTES = [listWebhooksRoute, createWebhookRoute, getWebhookRoute, deleteWebhookRoute, redeliverWebhookRoute, listEventTypesRoute];
