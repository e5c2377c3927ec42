/**
 * The fake's HTTP request handler. discord.js builds REST URLs as `${rest.api}/v10${route}`, so
 * with `rest: { api: 'http://127.0.0.1:PORT/api' }` every call arrives under /api/v10. Each request
 * is recorded, may be failed by a scripted failure, then authenticated and routed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FailureInjector } from './failure-injection';
import type { FakeGateway } from './gateway';
import type { FakeState, RecordedRequest } from './fake-state';
import { coreRoutes } from './rest-routes-core';
import { commandRoutes } from './rest-routes-commands';
import { interactionCallbackRoutes } from './rest-routes-interactions';
import { messageRoutes } from './rest-routes-messages';
import { webhookRoutes } from './rest-routes-webhooks';
import { jsonError, matchRoute, type RouteOptions, type RouteResult } from './rest-router';

const API_PREFIX = '/api/v10';
const ROUTES = [...coreRoutes, ...commandRoutes, ...messageRoutes, ...interactionCallbackRoutes, ...webhookRoutes];
const RECORDED_HEADERS = ['authorization', 'content-type', 'user-agent', 'x-audit-log-reason'];

/** Builds the `(req, res)` listener for node:http. */
export function createRestHandler(state: FakeState, gateway: FakeGateway, failures: FailureInjector, options: RouteOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const method = (req.method ?? 'GET').toUpperCase();
      const raw = Buffer.concat(chunks).toString('utf8');
      const underApi = url.pathname.startsWith(`${API_PREFIX}/`);
      const recorded: RecordedRequest = {
        method,
        path: underApi ? url.pathname.slice(API_PREFIX.length) : url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: parseBody(raw, req.headers['content-type']),
        headers: Object.fromEntries(RECORDED_HEADERS.filter((h) => req.headers[h] !== undefined).map((h) => [h, String(req.headers[h])])),
        at: state.now(),
      };
      state.requests.push(recorded);
      const result = underApi ? handle(recorded, url.searchParams, req.headers.authorization, state, gateway, failures, options) : jsonError(404, 0, '404: Not Found');
      recorded.status = result.status;
      state.changed();
      send(res, result);
    });
  };
}

function handle(
  request: RecordedRequest,
  query: URLSearchParams,
  authorization: string | undefined,
  state: FakeState,
  gateway: FakeGateway,
  failures: FailureInjector,
  options: RouteOptions,
): RouteResult {
  const injected = failures.take(request.method, request.path, state.now());
  if (injected) return injected;
  if (request.body instanceof Error) return jsonError(400, 50109, 'The request body contains invalid JSON.');
  const matched = matchRoute(ROUTES, request.method, request.path);
  if (!matched) return jsonError(404, 0, '404: Not Found');
  if (matched.route.auth && authorization !== `Bot ${state.token}`) return jsonError(401, 0, '401: Unauthorized');
  try {
    return matched.route.handler({ method: request.method, path: request.path, params: matched.params, query, body: request.body, state, gateway, options });
  } catch (error) {
    // A bug in the fake must fail the test loudly, not look like a Discord outage.
    return { status: 500, body: { message: `fake-discord bug: ${(error as Error).stack ?? String(error)}`, code: 0 } };
  }
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.startsWith('multipart/form-data')) return new Error('multipart bodies (file uploads) are not supported by the fake');
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    return error as Error;
  }
}

function send(res: ServerResponse, result: RouteResult): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body === undefined) {
    res.writeHead(result.status, headers).end();
    return;
  }
  headers['Content-Type'] = 'application/json';
  res.writeHead(result.status, headers).end(JSON.stringify(result.body));
}
