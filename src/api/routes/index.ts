import type { AnyApiRoute } from '../define-route';
import { listAuditRoute } from './audit.routes';
import { approveGateRoute, claimGateRoute, escalateGateRoute, getGateRoute, listGatesRoute, reassignGateRoute, rejectGateRoute } from './gates.routes';
import { hookRoute } from './hooks.routes';
import { openApiRoute } from './openapi.route';
import { cancelRunRoute, createRunRoute, getRunRoute, listRunsRoute } from './runs.routes';
import { blockersRoute, taskStatsRoute } from './tasks.routes';
import { listTemplatesRoute } from './templates.routes';
import { WEBHOOK_ROUTES } from './webhooks.routes';

/**
 * Every REST operation under /v1, in the order the OpenAPI document lists them. An explicit list,
 * never a folder scan: add a route here and it is served, validated and documented.
 */
export const API_ROUTES: readonly AnyApiRoute[] = [
  listRunsRoute,
  createRunRoute,
  getRunRoute,
  cancelRunRoute,
  listGatesRoute,
  getGateRoute,
  approveGateRoute,
  rejectGateRoute,
  claimGateRoute,
  reassignGateRoute,
  escalateGateRoute,
  taskStatsRoute,
  blockersRoute,
  listAuditRoute,
  listTemplatesRoute,
  hookRoute,
  ...WEBHOOK_ROUTES,
];

/** The routes plus `GET /v1/openapi.json`, which documents all of them (itself included). */
export function apiRoutes(extra: readonly AnyApiRoute[] = []): AnyApiRoute[] {
  const all: AnyApiRoute[] = [...API_ROUTES, ...extra];
  all.push(openApiRoute(() => all));
  return all;
}
