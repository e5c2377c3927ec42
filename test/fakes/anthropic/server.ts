/**
 * A local fake of the Anthropic Messages API (POST /v1/messages) on 127.0.0.1, for tests of the
 * anthropic executor through the real SDK. It records every request, checks its shape (model,
 * max_tokens, messages, tools, tool_choice, auth and anthropic-version headers) and answers from
 * a script: a forced tool call, a text answer, an API error in Anthropic's JSON shape, or a reply
 * that never comes (to test aborts). Nothing reaches the internet.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export type FakeReply =
  | { type: 'tool_use'; input: unknown; name?: string; usage?: { input_tokens: number; output_tokens: number }; stopReason?: string }
  | { type: 'text'; text: string }
  | { type: 'error'; status: number; errorType?: string; message?: string }
  /** Holds the request open until the client goes away. */
  | { type: 'hang' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // The parsed JSON body; `any` keeps test assertions short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test fake: bodies are asserted field by field
  body: any;
  /** What was wrong with the request's shape; empty for a well-formed request. */
  problems: string[];
  /** Set when the client disconnected before an answer (abort). */
  disconnected: boolean;
}

export interface FakeAnthropic {
  /** Base URL for the SDK's `baseURL` option. */
  url: string;
  requests: RecordedRequest[];
  /** Queues replies, one per request, in order. A request with nothing queued gets a 500 that says so. */
  reply(...replies: Array<FakeReply | ((req: RecordedRequest) => FakeReply)>): void;
  /** Resolves with the next request that arrives (or has arrived and was not yet taken). */
  nextRequest(): Promise<RecordedRequest>;
  /** Resolves when the client has disconnected from the given request. */
  disconnected(req: RecordedRequest): Promise<void>;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const requestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  system: z.union([z.string(), z.array(z.unknown())]).optional(),
  messages: z
    .array(z.looseObject({ role: z.enum(['user', 'assistant']), content: z.union([z.string().min(1), z.array(z.unknown()).min(1)]) }))
    .min(1),
  tools: z
    .array(z.looseObject({ name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/), input_schema: z.looseObject({ type: z.literal('object') }) }))
    .optional(),
  tool_choice: z.looseObject({ type: z.enum(['auto', 'any', 'tool', 'none']), name: z.string().optional() }).optional(),
});

function checkShape(headers: IncomingHttpHeaders, body: unknown, apiKey: string): { auth: boolean; problems: string[] } {
  const problems: string[] = [];
  const auth = headers['x-api-key'] === apiKey || headers.authorization === `Bearer ${apiKey}`;
  if (!auth) problems.push('missing or wrong API key (x-api-key or Authorization: Bearer)');
  if (!headers['anthropic-version']) problems.push('missing anthropic-version header');
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  else {
    const { tools, tool_choice, messages } = parsed.data;
    if (messages[0]!.role !== 'user') problems.push('messages must start with a user turn');
    if (tool_choice?.type === 'tool' && !tools?.some((t) => t.name === tool_choice.name)) {
      problems.push(`tool_choice names "${tool_choice.name}", which is not in tools`);
    }
  }
  return { auth, problems };
}

export async function startFakeAnthropic(opts: { apiKey: string }): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const script: Array<FakeReply | ((req: RecordedRequest) => FakeReply)> = [];
  const untaken: RecordedRequest[] = [];
  const takers: Array<(r: RecordedRequest) => void> = [];
  const disconnectWaiters = new Map<RecordedRequest, Array<() => void>>();
  let counter = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      const path = (req.url ?? '').split('?')[0]!;
      const { auth, problems } = path === '/v1/messages' && req.method === 'POST' ? checkShape(req.headers, body, opts.apiKey) : { auth: true, problems: [`unexpected ${req.method} ${path}`] };
      const recorded: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body, problems, disconnected: false };
      requests.push(recorded);
      res.on('close', () => {
        if (res.writableFinished) return;
        recorded.disconnected = true;
        for (const w of disconnectWaiters.get(recorded) ?? []) w();
      });
      const taker = takers.shift();
      if (taker) taker(recorded);
      else untaken.push(recorded);

      const id = ++counter;
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${id}` });
        res.end(JSON.stringify(payload));
      };
      const error = (status: number, message: string, type = ERROR_TYPES[status] ?? 'api_error') =>
        send(status, { type: 'error', error: { type, message }, request_id: `req_fake_${id}` });

      if (!auth) return error(401, 'invalid x-api-key');
      if (problems.length) return error(400, `fake Messages API: ${problems.join('; ')}`);
      const next = script.shift();
      if (!next) return error(500, 'fake Messages API: no scripted reply left for this request');
      const reply = typeof next === 'function' ? next(recorded) : next;
      const b = body as { model: string };
      switch (reply.type) {
        case 'hang':
          return; // the client's abort (or close()) ends it
        case 'error':
          return error(reply.status, reply.message ?? (reply.status === 529 ? 'Overloaded' : 'Internal server error'), reply.errorType);
        case 'text':
        case 'tool_use': {
          const usage = reply.type === 'tool_use' && reply.usage ? reply.usage : { input_tokens: 1200, output_tokens: 300 };
          const content =
            reply.type === 'text'
              ? [{ type: 'text', text: reply.text }]
              : [{ type: 'tool_use', id: `toolu_fake_${id}`, name: reply.name ?? 'submit_result', input: reply.input }];
          return send(200, {
            id: `msg_fake_${id}`,
            type: 'message',
            role: 'assistant',
            model: b.model,
            content,
            stop_reason: reply.type === 'text' ? 'end_turn' : (reply.stopReason ?? 'tool_use'),
            stop_sequence: null,
            usage: { ...usage, cache_creation_input_tokens: null, cache_read_input_tokens: null },
          });
        }
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => void script.push(...replies),
    nextRequest: () => {
      const ready = untaken.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => takers.push(resolve));
    },
    disconnected: (req) =>
      req.disconnected ? Promise.resolve() : new Promise((resolve) => disconnectWaiters.set(req, [...(disconnectWaiters.get(req) ?? []), resolve])),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
