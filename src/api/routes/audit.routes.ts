import { z } from 'zod';
import { auditPage } from '../../runner/api-reads';
import { defineRoute } from '../define-route';
import { cursorSchema, idSchema, isoDate, limitSchema, pageOf } from '../schemas/common.schema';

const entrySchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  actor: z.object({ type: z.enum(['human', 'agent', 'system']), id: z.string(), name: z.string(), platform: z.string() }),
  action: z.string(),
  entity: z.object({ type: z.string(), id: z.string() }),
  run: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
});

export const listAuditRoute = defineRoute({
  method: 'GET',
  path: '/v1/audit',
  operationId: 'listAudit',
  summary: 'The audit log, newest first, by entity, run, actor and time',
  tag: 'audit',
  auth: 'token',
  scope: 'audit:read',
  query: z.strictObject({
    entity_type: z.enum(['run', 'block', 'gate', 'template', 'schedule', 'token']).optional(),
    entity_id: z.string().max(100).optional(),
    run: idSchema.optional(),
    actor: z.string().max(200).optional().meta({ description: 'The actor id, e.g. "token:3" or a Slack user id' }),
    since: isoDate.optional().meta({ description: 'ISO 8601 time; entries at or after it' }),
    cursor: cursorSchema,
    limit: limitSchema,
  }),
  response: { status: 200, description: 'A page of audit entries', schema: pageOf(entrySchema) },
  async handler({ principal, query, deps }) {
    const page = await auditPage(deps.ctx, principal.actor, {
      entityType: query.entity_type,
      entityId: query.entity_id,
      runId: query.run,
      actorId: query.actor,
      since: query.since ? new Date(query.since) : undefined,
      before: query.cursor,
      limit: query.limit,
    });
    const items = page.items.map(({ entry, runName }) => ({
      id: entry.id,
      timestamp: entry.at.toISOString(),
      actor: { type: entry.actor.type, id: entry.actor.id, name: entry.actor.name, platform: entry.actor.platform },
      action: entry.action,
      entity: { type: entry.entityType, id: entry.entityId },
      run: entry.runId ? { id: entry.runId, name: runName } : null,
      changes: entry.changes ?? null,
      metadata: entry.metadata ?? null,
    }));
    return { body: { items, next_cursor: page.next } };
  },
});
