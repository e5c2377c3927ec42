import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { expandEventPatterns, eventPayload, isEventPattern, type FactoryEvent } from '../domain/event-catalog';
import type { Database } from '../store/database';
import type { EventFeed } from './event-feed';
import { openEventStream, type EventStream } from './event-stream';

/** Who may follow events: the API's bearer-token check, injected (it lives with the REST API). */
export type EventsAuthenticator = (authorization: string | undefined, now: Date) => Promise<{ scopes: readonly string[] } | null>;

export interface SseEndpointOptions {
  database: Database;
  feed: EventFeed;
  authenticate: EventsAuthenticator;
  now: () => Date;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  log: (msg: string, err?: unknown) => void;
}

export const EVENTS_SCOPE = 'runs:read';

const querySchema = z.strictObject({
  types: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined))
    .refine((v) => !v || v.every(isEventPattern), { message: 'names an unknown event type (see the event catalog in the README)' }),
  run_id: z.string().regex(/^\d{1,18}$/, 'must be a run id').optional(),
  after: z.string().regex(/^\d{1,18}$/, 'must be an event id').optional(),
});

const ID = /^\d{1,18}$/;

/**
 * `GET /v1/events`: Server-Sent Events from the durable log. Each message is `id: <event id>` and
 * `data: {"id","type","timestamp","data"}`. A client resuming with `Last-Event-ID` (or `?after=`)
 * gets every event after it exactly once, in order, from whichever replica it reaches, since the
 * cursor is the log's own id. Filters: `?types=run.*,gate.pending`, `?run_id=7`.
 */
export class SseEndpoint {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly opts: SseEndpointOptions) {}

  /** Streams currently open (metrics, tests). */
  get clients(): number {
    return this.open.size;
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.serve(req, res).catch((err: unknown) => {
      this.opts.log('an event stream failed', err);
      if (!res.headersSent) problem(res, 500, 'internal_error', 'Something went wrong opening the event stream.');
      else res.end();
    });
  };

  /** Ends every open stream (shutdown: clients reconnect elsewhere with their Last-Event-ID). */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET') return problem(res, 405, 'method_not_allowed', 'The event stream is read with GET.');
    const principal = await this.opts.authenticate(header(req, 'authorization'), this.opts.now());
    if (!principal) return problem(res, 401, 'unauthorized', 'Send a valid API token: `Authorization: Bearer pf_…`.', { 'www-authenticate': 'Bearer' });
    if (!principal.scopes.includes(EVENTS_SCOPE)) return problem(res, 403, 'missing_scope', `This token lacks the "${EVENTS_SCOPE}" scope.`);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parsed = querySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return problem(res, 400, 'invalid_request', `Invalid query field "${issue.path.join('.') || '(query)'}": ${issue.message}.`);
    }
    const lastEventId = header(req, 'last-event-id');
    if (lastEventId !== undefined && !ID.test(lastEventId)) return problem(res, 400, 'invalid_request', 'Last-Event-ID must be an event id this server sent.');
    const after = lastEventId ?? parsed.data.after;
    const types = parsed.data.types ? expandEventPatterns(parsed.data.types) : undefined;

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    this.open.add(res);
    res.write('retry: 2000\n\n');
    const held: { stream?: EventStream } = {};
    const heartbeat = setInterval(() => res.write(`: heartbeat ${this.opts.now().toISOString()}\n\n`), this.opts.heartbeatMs);
    heartbeat.unref();
    const finish = () => {
      clearInterval(heartbeat);
      held.stream?.close();
      this.open.delete(res);
    };
    res.on('close', finish);
    held.stream = await openEventStream(this.opts, { after, filter: { types, runId: parsed.data.run_id } }, (event) => res.write(formatSse(event)));
    if (res.writableEnded || res.destroyed) finish();
  }
}

/** One SSE message: `id:` is the resume cursor, `data:` the JSON payload (JSON has no raw newlines). */
export function formatSse(event: FactoryEvent): string {
  return `id: ${event.id}\ndata: ${JSON.stringify(eventPayload(event))}\n\n`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function problem(res: ServerResponse, status: number, code: string, detail: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: `urn:process-factory:problem:${code}`, title: code.replaceAll('_', ' '), status, detail, code }));
}
