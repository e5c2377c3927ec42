import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: string;
  /** Values of `{name}` segments of the route's path pattern. */
  params: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
}

export type HttpHandler = (req: HttpRequest) => Promise<HttpResponse> | HttpResponse;

export interface RouteOptions {
  /** A smaller body limit than the server's 1 MiB. */
  maxBodyBytes?: number;
  /** The answer to a body over the limit (default: a 413 JSON error). */
  tooLarge?: () => HttpResponse;
}

interface Route {
  method: string;
  pattern: string;
  /** Segments of a `{param}` pattern; null for exact and prefix routes. */
  segments: string[] | null;
  handler: HttpHandler;
  options: RouteOptions;
}

/** A raw node handler, for libraries that own the request (Slack's bolt receiver). */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

const MAX_BODY_BYTES = 1_048_576;

/**
 * The one HTTP server of the process: health, readiness, metrics, Slack events, executor callbacks
 * and inbound webhook triggers, the REST API. Routes are exact paths, patterns with `{name}`
 * segments (`/v1/runs/{id}`, the value in `req.params`), or prefixes ending in "/*"; an exact path
 * wins over a pattern, a pattern over a prefix.
 */
export class HttpServer {
  private readonly routes = new Map<string, Route>();
  private readonly rawRoutes = new Map<string, RawHandler>();
  private server: Server | null = null;

  constructor(private readonly log: Logger) {}

  route(method: string, path: string, handler: HttpHandler, options: RouteOptions = {}): this {
    const m = method.toUpperCase();
    const segments = path.includes('{') ? path.split('/') : null;
    this.routes.set(`${m} ${path}`, { method: m, pattern: path, segments, handler, options });
    return this;
  }

  /** Hands the untouched request to a library (it reads the body itself). */
  mount(path: string, handler: RawHandler): this {
    this.rawRoutes.set(path, handler);
    return this;
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeIdleConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private find(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    const exact = this.routes.get(`${method} ${path}`);
    if (exact && !exact.segments) return { route: exact, params: {} };
    const parts = path.split('/');
    for (const route of this.routes.values()) {
      if (route.method !== method || !route.segments || route.segments.length !== parts.length) continue;
      const params = matchSegments(route.segments, parts);
      if (params) return { route, params };
    }
    for (const route of this.routes.values()) {
      if (route.method === method && route.pattern.endsWith('/*') && path.startsWith(route.pattern.slice(0, -1))) return { route, params: {} };
    }
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = this.rawRoutes.get(url.pathname);
    if (raw) return raw(req, res);
    const found = this.find(req.method ?? 'GET', url.pathname);
    if (!found) return send(res, { status: 404, body: { ok: false, error: 'not found' } });
    const { route, params } = found;
    try {
      const rawBody = await readBody(req, route.options.maxBodyBytes ?? MAX_BODY_BYTES);
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      send(res, await route.handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, rawBody, params }));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return send(res, route.options.tooLarge?.() ?? { status: 413, body: { ok: false, error: 'body too large' } });
      }
      this.log.error({ err: error, path: url.pathname }, 'http handler failed');
      send(res, { status: 500, body: { ok: false, error: 'internal error' } });
    }
  }
}

class BodyTooLargeError extends Error {}

/** `{name}` segments take any non-empty value (decoded); the others must be equal. */
function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = parts[i]!;
    if (want.startsWith('{') && want.endsWith('}')) {
      if (!got) return null;
      try {
        params[want.slice(1, -1)] = decodeURIComponent(got);
      } catch {
        return null;
      }
    } else if (want !== got) return null;
  }
  return params;
}

/** Past this many bytes an oversized body is no longer drained politely: the connection is cut. */
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

/**
 * Reads the body up to `limit` bytes. A larger body is drained and dropped (so the client reads
 * our 413 instead of a reset connection), unless it goes on past DRAIN_LIMIT_BYTES.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > DRAIN_LIMIT_BYTES) throw new BodyTooLargeError();
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit) throw new BodyTooLargeError();
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, response: HttpResponse): void {
  const isText = typeof response.body === 'string';
  const body = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    ...response.headers,
  });
  res.end(body);
}
