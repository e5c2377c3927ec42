import { z } from 'zod';
import type { AnyApiRoute } from './define-route';
import { problemSchema } from './schemas/problem.schema';

type Json = Record<string, unknown>;

const COMMON_PROBLEMS: Record<string, string> = {
  '400': 'The path or query is not valid',
  '401': 'No valid API token',
  '403': 'The token lacks the scope, or its role may not do this',
  '413': 'The body is too large',
  '415': 'The body is not JSON',
  '422': 'The body is not valid (every field with its path in `errors`)',
  '429': 'Rate limited; see Retry-After',
  '500': 'An internal error (only a reference is given)',
};

const TAGS: Record<string, string> = {
  runs: 'Pipeline runs: list, start, inspect, cancel',
  gates: 'Human gates: pending decisions, approve, reject, claim, reassign, escalate',
  tasks: 'Work waiting on people, in numbers',
  audit: 'The append-only audit log',
  templates: 'The pipelines that can be run',
  hooks: 'Inbound webhook triggers (HMAC signed)',
  webhooks: 'Outbound webhooks: subscriptions, deliveries, the event catalog',
  meta: 'This document',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete out.$schema;
  return out;
}

function parametersOf(route: AnyApiRoute): Json[] {
  const params: Json[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
    for (const [name, field] of Object.entries(shape)) {
      const described = jsonSchema(field, 'input');
      const description = typeof described.description === 'string' ? described.description : undefined;
      params.push({ name, in: where, required: where === 'path' || !field.safeParse(undefined).success, ...(description ? { description } : {}), schema: described });
    }
  }
  return params;
}

function operationOf(route: AnyApiRoute): Json {
  const responses: Json = {
    [String(route.response.status)]: { description: route.response.description, content: { 'application/json': { schema: jsonSchema(route.response.schema, 'output') } } },
  };
  const problems = new Set([...Object.keys(COMMON_PROBLEMS), ...(route.problems ?? []).map(String)]);
  if (route.auth !== 'token') problems.delete('403');
  if (!route.body) ['413', '415', '422'].forEach((s) => problems.delete(s));
  for (const status of [...problems].sort()) responses[status] = { $ref: `#/components/responses/Problem${status}` };
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.auth === 'token' ? { security: [{ bearerAuth: [] }], ...(route.scope ? { 'x-required-scope': route.scope } : {}) } : { security: [] }),
    ...(route.scope ? { description: `Needs the \`${route.scope}\` scope.` } : {}),
    parameters: parametersOf(route),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, generated from the same route definitions and zod schemas that validate requests. */
export function buildOpenApi(routes: readonly AnyApiRoute[], opts: { serverUrl: string; version: string }): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route);
  const statuses = new Set(Object.keys(COMMON_PROBLEMS).concat(routes.flatMap((r) => (r.problems ?? []).map(String))));
  const responses: Json = {};
  for (const status of [...statuses].sort()) {
    responses[`Problem${status}`] = { description: COMMON_PROBLEMS[status] ?? problemDescription(status), content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  const used = new Set(routes.map((r) => r.tag));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Process Factory API',
      version: opts.version,
      description: 'Runs, gates and the audit log of Process Factory, through the same service and permission rules as the chat commands. Errors are RFC 9457 problem details.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: opts.serverUrl }],
    tags: Object.entries(TAGS).filter(([name]) => used.has(name)).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (pf_…), from `npm run factory -- token create`.' } },
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
      responses,
    },
  };
}

function problemDescription(status: string): string {
  return { '404': 'Not found', '409': 'Conflicts with the current state', '501': 'Not implemented yet', '503': 'Not configured' }[status] ?? 'A problem';
}
