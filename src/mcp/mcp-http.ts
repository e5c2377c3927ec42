import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ApiPrincipal } from '../api/auth';
import { createMcpServer } from './create-mcp-server';
import type { McpDeps } from './mcp-deps';

const MAX_BODY_BYTES = 1_048_576;

interface Session {
  transport: StreamableHTTPServerTransport;
  tokenId: string;
  dispose: () => void;
}

export interface McpHttpOptions extends McpDeps {
  /** The API's bearer check, as the MCP door (`platform: 'mcp'`). */
  authenticate: (authorization: string | undefined, now: Date) => Promise<ApiPrincipal | null>;
}

/**
 * MCP over Streamable HTTP at `/mcp`: every request carries a bearer API token; `initialize`
 * opens a session (`Mcp-Session-Id`) bound to that token, and later requests of the session must
 * come with the same token. Sessions live in this process, so a load balancer keeps a session on
 * one replica (sticky on the header); resource notifications come from the shared event log.
 */
export class McpHttpEndpoint {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly opts: McpHttpOptions) {}

  get sessionCount(): number {
    return this.sessions.size;
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.serve(req, res).catch((err: unknown) => {
      this.opts.log.error({ err }, 'an MCP HTTP request failed');
      if (!res.headersSent) rpcError(res, 500, -32603, 'Internal error');
      else res.end();
    });
  };

  async closeAll(): Promise<void> {
    const open = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(open.map((s) => s.transport.close()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const principal = await this.opts.authenticate(firstHeader(req, 'authorization'), this.opts.now());
    if (!principal) {
      res.setHeader('www-authenticate', 'Bearer realm="process-factory"');
      return rpcError(res, 401, -32001, 'Send a valid API token as "Authorization: Bearer pf_…".');
    }
    const sessionId = firstHeader(req, 'mcp-session-id');
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    if (body === INVALID) return rpcError(res, 400, -32700, 'Parse error: the body is not JSON (or is over 1 MiB).');
    if (sessionId) {
      const session = this.sessions.get(sessionId);
      if (!session) return rpcError(res, 404, -32001, 'Unknown or expired session: initialize again.');
      if (session.tokenId !== principal.tokenId) return rpcError(res, 403, -32001, 'This session belongs to another token.');
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) return rpcError(res, 400, -32000, 'Start with an initialize request (no Mcp-Session-Id yet).');
    const { server, dispose } = createMcpServer(this.opts, { principal });
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void this.sessions.set(id, { transport, tokenId: principal.tokenId, dispose }),
    });
    transport.onclose = () => {
      dispose();
      if (transport.sessionId) this.sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }
}

const INVALID = Symbol('invalid body');

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return INVALID;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return INVALID;
  }
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function rpcError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
