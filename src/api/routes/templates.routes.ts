import { z } from 'zod';
import { defineRoute } from '../define-route';

const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  version: z.union([z.string(), z.number()]).nullable(),
  block_count: z.number().int(),
  gate_count: z.number().int(),
  params: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean(), default: z.union([z.string(), z.number(), z.boolean()]).nullable(), description: z.string().nullable() })),
  webhook_trigger: z.boolean().meta({ description: 'True when POST /v1/hooks/{template} may start it' }),
});

export const listTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/v1/templates',
  operationId: 'listTemplates',
  summary: 'The pipelines that can be run, with their parameters',
  tag: 'templates',
  auth: 'token',
  scope: 'runs:read',
  query: z.strictObject({}),
  response: { status: 200, description: 'Every valid template', schema: z.object({ items: z.array(templateSchema) }) },
  async handler({ deps }) {
    const views = await deps.service.listTemplates();
    const items = views.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description ?? null,
      version: t.version ?? null,
      block_count: t.blockCount,
      gate_count: t.gateCount,
      params: t.params.map((p) => ({ ...p, default: p.default ?? null, description: p.description ?? null })),
      webhook_trigger: deps.ctx.catalog.get(t.id).trigger?.type === 'webhook',
    }));
    return { body: { items } };
  },
});
