import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: string;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
}

export type HttpHandler = (req: HttpRequest) => Promise<HttpResponse> | HttpResponse;

/** A raw node handler, for libraries that own the request (Slack's bolt receiver). */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

const MAX_BODY_BYTES = 1_048_576;

/**
 * The one HTTP server of the process: health, readiness, metrics, Slack events, executor callbacks
 * and inbound webhook triggers. Routes are exact paths, or prefixes ending in "/*".
 */
export class HttpServer {
  private readonly routes = new Map<string, HttpHandler>();
  private readonly rawRoutes = new Map<string, RawHandler>();
  private server: Server | null = null;

  constructor(private readonly log: Logger) {}

  route(method: string, path: string, handler: HttpHandler): this {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
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

  private find(method: string, path: string): HttpHandler | undefined {
    const exact = this.routes.get(`${method} ${path}`);
    if (exact) return exact;
    for (const [key, handler] of this.routes) {
      const [m, p] = key.split(' ') as [string, string];
      if (m === method && p.endsWith('/*') && path.startsWith(p.slice(0, -1))) return handler;
    }
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = this.rawRoutes.get(url.pathname);
    if (raw) return raw(req, res);
    const handler = this.find(req.method ?? 'GET', url.pathname);
    if (!handler) return send(res, { status: 404, body: { ok: false, error: 'not found' } });
    try {
      const rawBody = await readBody(req);
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      send(res, await handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, rawBody }));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return send(res, { status: 413, body: { ok: false, error: 'body too large' } });
      this.log.error({ err: error, path: url.pathname }, 'http handler failed');
      send(res, { status: 500, body: { ok: false, error: 'internal error' } });
    }
  }
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
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
