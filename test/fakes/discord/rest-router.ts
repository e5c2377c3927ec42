/**
 * A tiny method + path router for the fake REST API. Routes are declared as data
 * ("PATCH /channels/:channelId/messages/:messageId") so each route file reads like Discord's docs.
 */
import type { FakeGateway } from './gateway';
import type { FakeState } from './fake-state';

/** What a handler sees. `path` is below /api/v10. */
export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  state: FakeState;
  gateway: FakeGateway;
  options: RouteOptions;
}

/** Fake-wide settings the routes need. */
export interface RouteOptions {
  /** Discord invalidates an interaction token this long after the event if no callback came. */
  interactionDeadlineMs: number;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;

export interface Route {
  method: string;
  pattern: string;
  /** Interaction callbacks and interaction webhooks are called without the bot token. */
  auth: boolean;
  handler: RouteHandler;
}

/** Declares a route; `auth` defaults to requiring `Authorization: Bot <token>`. */
export function route(method: string, pattern: string, handler: RouteHandler, opts: { auth?: boolean } = {}): Route {
  return { method, pattern, handler, auth: opts.auth ?? true };
}

/** Finds the route for a request and extracts `:params`. */
export function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const pattern = candidate.pattern.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      const part = decodeURIComponent(parts[i] ?? '');
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = part;
        return true;
      }
      return segment === part;
    });
    if (ok) return { route: candidate, params };
  }
  return undefined;
}

/** Discord's plain JSON error body (`{ message, code }`) with a status. */
export function jsonError(status: number, code: number, message: string): RouteResult {
  return { status, body: { message, code } };
}

export const ok = (body: unknown, status = 200): RouteResult => ({ status, body });
export const noContent = (): RouteResult => ({ status: 204 });
