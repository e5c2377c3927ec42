import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { HttpRequest, HttpResponse } from '../http/server';
import type { ApiDeps } from './api-deps';
import { authenticateBearer } from './auth/authenticate-bearer';
import type { ApiPrincipal } from './auth/api-principal';
import { requireScope } from './auth/require-scope';
import type { AnyApiRoute } from './define-route';
import { ApiProblem, problemResponse, toApiProblem, validationProblem } from './problem';

/**
 * The one path of every REST request: authenticate, rate-limit, check the scope, validate path,
 * query and body with the route's zod schemas, call the handler, and turn every error into a
 * problem response (a UserError keeps its sentence; anything else is logged with a reference).
 */
export async function handleApiRequest(route: AnyApiRoute, req: HttpRequest, deps: ApiDeps): Promise<HttpResponse> {
  const now = deps.now();
  try {
    let principal: ApiPrincipal | null = null;
    if (route.auth === 'token') {
      principal = await authenticateBearer(deps.ctx.database.db, req.headers.authorization, now);
      if (!principal) {
        throw new ApiProblem(401, 'unauthorized', 'Send a valid API token as "Authorization: Bearer pf_…" (create one with `npm run factory -- token create`).', {}, { 'www-authenticate': 'Bearer realm="process-factory"' });
      }
      limit(deps, `token:${principal.tokenId}`, now);
      if (route.scope) requireScope(principal, route.scope);
    }
    const params = parse(route.params, req.params, 'path');
    const query = parse(route.query, Object.fromEntries(req.query), 'query');
    const body = route.body ? parse(route.body, readJson(req), 'body') : undefined;
    const result = await route.handler({ principal, params, query, body, req, now, deps });
    return { status: result.status ?? route.response.status, headers: result.headers, body: result.body as object };
  } catch (error) {
    const reference = randomBytes(4).toString('hex');
    const problem = toApiProblem(error, reference);
    if (problem.status >= 500 && problem.code === 'internal_error') deps.log.error({ err: error, ref: reference, route: route.operationId }, 'api request failed');
    return problemResponse(problem, req.path);
  }
}

/** One token from the caller's bucket, or a 429 that says when to come back. */
export function limit(deps: Pick<ApiDeps, 'limiter'>, key: string, now: Date): void {
  const taken = deps.limiter.take(key, now);
  if (taken.ok) return;
  const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
  throw new ApiProblem(429, 'rate_limited', `Too many requests for this token: try again in ${seconds} s (limit ${deps.limiter.perMinute} a minute).`, { retry_after_seconds: seconds }, { 'retry-after': String(seconds) });
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, where: 'path' | 'query' | 'body'): S extends z.ZodType ? z.output<S> : undefined {
  if (!schema) return undefined as never;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationProblem(where, parsed.error);
  return parsed.data as never;
}

/** The body as JSON: an empty body is `{}`; anything but JSON is refused with a sentence. */
export function readJson(req: HttpRequest): unknown {
  if (req.rawBody.trim() === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new ApiProblem(415, 'unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".');
  try {
    return JSON.parse(req.rawBody);
  } catch (error) {
    throw new ApiProblem(400, 'invalid_json', `The body is not valid JSON: ${(error as Error).message}.`);
  }
}
