import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CallLog } from './call-log';
import type { FailureQueue } from './failures';
import { respond } from './respond';
import { jsonArg, type MethodResult, type Route, type RouteContext } from './route-kit';
import { chatRoutes } from './routes-chat';
import { directoryRoutes } from './routes-directory';
import { viewRoutes } from './routes-views';
import type { FakeSlackState } from './state';

export interface ApiServerDeps {
  state: FakeSlackState;
  calls: CallLog;
  failures: FailureQueue;
  tokens: { bot: string; app: string };
  /** Filled in once the server listens. */
  context: () => RouteContext;
}

const routes: Record<string, Route> = {
  ...directoryRoutes,
  ...chatRoutes,
  ...viewRoutes,
  'apps.connections.open': { token: 'app', handle: (_args, ctx) => ({ ok: true, url: ctx.openSocketUrl() }) },
};

/** Nested values @slack/web-api JSON-encodes into form fields; decoded for the call log. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

/** The HTTP side of the fake: POST /api/<method> (Web API) and POST /respond/<id> (response_url). */
export function createApiServer(deps: ApiServerDeps): Server {
  return createServer((req, res) => {
    readBody(req)
      .then((raw) => serve(deps, req, res, raw))
      .catch((error: unknown) => send(res, 500, { 'content-type': 'text/plain' }, String(error)));
  });
}

function serve(deps: ApiServerDeps, req: IncomingMessage, res: ServerResponse, raw: string): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const contentType = req.headers['content-type'];
  const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
  const respondTo = /^\/respond\/(\w+)$/.exec(url.pathname);
  if (req.method !== 'POST' || (!api && !respondTo)) return send(res, 404, { 'content-type': 'text/plain' }, 'not found');

  let body: Record<string, unknown>;
  try {
    body = parseBody(raw, contentType);
  } catch {
    return send(res, 200, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ ok: false, error: 'invalid_json' }));
  }
  const args = { ...Object.fromEntries(url.searchParams), ...body };
  const method = api?.[1] ?? 'respond';
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
  const record = (status: number, response: unknown, injected: boolean): void =>
    deps.calls.record({ method, args: decodeForLog(args), token, contentType, status, response, injected, at: deps.state.now() });

  const injected = deps.failures.take(method);
  if (injected) {
    record(injected.status, injected.body, true);
    return send(res, injected.status, injected.headers, injected.body);
  }
  const { status, result } = respondTo?.[1] ? respond(deps.state, respondTo[1], args) : { status: 200, result: callMethod(deps, method, token, args) };
  record(status, result, false);
  const scopes: Record<string, string> = token === deps.tokens.bot ? { 'x-oauth-scopes': deps.state.botScopes.join(',') } : {};
  send(res, status, { 'content-type': 'application/json; charset=utf-8', ...scopes }, JSON.stringify(result));
}

function callMethod(deps: ApiServerDeps, method: string, token: string | undefined, args: Record<string, unknown>): MethodResult {
  const route = routes[method];
  if (!route) return { ok: false, error: 'unknown_method', req_method: method };
  if (!token) return { ok: false, error: 'not_authed' };
  const kind = token === deps.tokens.bot ? 'bot' : token === deps.tokens.app ? 'app' : undefined;
  if (!kind) return { ok: false, error: 'invalid_auth' };
  if (kind !== route.token) return { ok: false, error: 'not_allowed_token_type' };
  return route.handle(args, deps.context());
}

/** Form bodies (web-api's encoding, and Slack's `payload=` style) and JSON bodies alike. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const form: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  const payload = typeof form.payload === 'string' ? jsonArg(form.payload) : undefined;
  return payload?.ok && typeof payload.value === 'object' && payload.value !== null ? (payload.value as Record<string, unknown>) : form;
}

function decodeForLog(args: Record<string, unknown>): Record<string, unknown> {
  const out = { ...args };
  for (const key of JSON_FIELDS) {
    const decoded = jsonArg(out[key]);
    if (decoded.ok) out[key] = decoded.value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}
