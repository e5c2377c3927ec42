import { z } from 'zod';
import { AUTONOMY_LEVELS, RUN_STATUSES } from '../../domain/statuses';
import { listRunViews, runRecordOf } from '../../runner/api-reads';
import type { ApiPrincipal } from '../auth/api-principal';
import { defineRoute } from '../define-route';
import { cursorSchema, idParams, limitSchema, pageOf } from '../schemas/common.schema';
import { runDetailSchema, runSummarySchema, toRunDetail, toRunSummary } from '../schemas/run.schema';

/** Where an API-started run "was typed": no chat channel, so its cards go to the template's named channels. */
export const apiOrigin = (principal: ApiPrincipal) => ({ platform: principal.actor.platform, channelId: '' });

export const listRunsRoute = defineRoute({
  method: 'GET',
  path: '/v1/runs',
  operationId: 'listRuns',
  summary: 'Runs, newest first, by status and template',
  tag: 'runs',
  auth: 'token',
  scope: 'runs:read',
  query: z.strictObject({
    status: z.enum(RUN_STATUSES).optional(),
    template: z.string().max(100).optional().meta({ description: 'A template id' }),
    cursor: cursorSchema,
    limit: limitSchema,
  }),
  response: { status: 200, description: 'A page of runs', schema: pageOf(runSummarySchema) },
  async handler({ principal, query, deps }) {
    const page = await listRunViews(deps.ctx, principal.actor, { status: query.status, templateId: query.template, before: query.cursor, limit: query.limit });
    return { body: { items: page.items.map(toRunSummary), next_cursor: page.next } };
  },
});

const paramValue = z.union([z.string().max(10_000), z.number(), z.boolean()]);

export const createRunRoute = defineRoute({
  method: 'POST',
  path: '/v1/runs',
  operationId: 'createRun',
  summary: 'Start a run of a template, like /factory run',
  tag: 'runs',
  auth: 'token',
  scope: 'runs:write',
  body: z.strictObject({
    template: z.string().min(1).max(100),
    name: z.string().min(1).max(100).optional(),
    params: z.record(z.string().max(64), paramValue).default({}),
    simulate: z.boolean().default(false).meta({ description: 'Rehearse with simulated blocks' }),
    autonomy: z.record(z.string().max(64), z.enum(AUTONOMY_LEVELS)).optional().meta({ description: 'Per block (or "*"): gate, guided or auto' }),
  }),
  response: { status: 201, description: 'The run, started', schema: runSummarySchema },
  problems: [404],
  async handler({ principal, body, deps }) {
    const view = await deps.service.createRun({
      templateId: body.template,
      name: body.name,
      params: Object.fromEntries(Object.entries(body.params).map(([k, v]) => [k, String(v)])),
      simulate: body.simulate,
      autonomy: body.autonomy,
      actor: principal.actor,
      origin: apiOrigin(principal),
    });
    return { status: 201, body: toRunSummary(view), headers: { location: `/v1/runs/${view.id}` } };
  },
});

export const getRunRoute = defineRoute({
  method: 'GET',
  path: '/v1/runs/{id}',
  operationId: 'getRun',
  summary: 'One run: blocks, pending gates, attempts and artifact metadata',
  tag: 'runs',
  auth: 'token',
  scope: 'runs:read',
  params: idParams,
  query: z.strictObject({}),
  response: { status: 200, description: 'The run', schema: runDetailSchema },
  problems: [404],
  async handler({ principal, params, deps }) {
    const { view, attempts, artifacts } = await runRecordOf(deps.ctx, principal.actor, params.id);
    return { body: toRunDetail(view, attempts, artifacts) };
  },
});

export const cancelRunRoute = defineRoute({
  method: 'POST',
  path: '/v1/runs/{id}/cancel',
  operationId: 'cancelRun',
  summary: 'Cancel a run (its running blocks stop, its pending gates are cancelled)',
  tag: 'runs',
  auth: 'token',
  scope: 'runs:write',
  params: idParams,
  body: z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() }),
  response: { status: 200, description: 'The cancelled run', schema: runSummarySchema },
  problems: [404, 409],
  async handler({ principal, params, body, now, deps }) {
    const view = await deps.service.cancelRun(params.id, principal.actor, body.reason ?? `cancelled through the API by ${principal.name}`, now);
    return { body: toRunSummary(view) };
  },
});
