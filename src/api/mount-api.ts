import type { HttpServer } from '../http/server';
import type { ApiDeps } from './api-deps';
import type { AnyApiRoute } from './define-route';
import { handleApiRequest } from './handle-api-request';
import { ApiProblem, problemResponse } from './problem';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Puts the REST routes on the bot's HTTP server. Anything else under /v1 answers a 404 problem, so
 * a client never has to parse a different error shape.
 */
export function mountApi(http: HttpServer, deps: ApiDeps, routes: readonly AnyApiRoute[]): void {
  for (const route of routes) {
    const max = route.maxBodyBytes ?? deps.maxBodyBytes;
    http.route(route.method, route.path, (req) => handleApiRequest(route, req, deps), {
      maxBodyBytes: max,
      tooLarge: () => problemResponse(new ApiProblem(413, 'body_too_large', `The body is larger than this endpoint accepts (${max} bytes).`, { max_bytes: max })),
    });
  }
  for (const method of METHODS) {
    http.route(method, '/v1/*', (req) =>
      problemResponse(new ApiProblem(404, 'not_found', `There is no ${req.method} ${req.path}. GET /v1/openapi.json lists every operation.`), req.path),
    );
  }
}
