/**
 * The fake gateway: a `ws` server on the fake's HTTP server, plain JSON frames, no compression.
 * discord.js only asks for `compress=zlib-stream` when the optional `zlib-sync` package is
 * installed (it is not here); even then @discordjs/ws parses text frames as plain JSON, so the
 * fake records the request and answers uncompressed. `encoding` other than json is refused (4002).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveConnection } from './gateway-connection';
import { GatewaySession } from './gateway-session';
import type { FakeState } from './fake-state';

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** Accept GuildMembers / GuildPresences / MessageContent; Discord closes with 4014 otherwise. */
  privilegedIntents: boolean;
  applicationFlags: number;
}

/** An opcode a client sent, for assertions (`op: 6` = RESUME). */
export interface ReceivedOp {
  op: number;
  d: unknown;
  at: number;
  connectionId: number;
}

/** How a client connected: path and query (v, encoding, compress). */
export interface GatewayConnection {
  id: number;
  path: string;
  query: Record<string, string>;
}

export class FakeGateway {
  url = '';
  resumeUrl = '';
  sessionsStarted = 0;
  resumes = 0;
  readonly received: ReceivedOp[] = [];
  readonly connections: GatewayConnection[] = [];
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor(
    readonly state: FakeState,
    readonly options: GatewayOptions,
  ) {}

  /** Called once the HTTP server listens. The resume URL differs so tests can see it was used. */
  setBaseUrl(base: string): void {
    this.url = `${base}/gateway`;
    this.resumeUrl = `${base}/gateway-resume`;
  }

  /** node:http 'upgrade' listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    if (url.pathname !== '/gateway' && url.pathname !== '/gateway-resume') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection: GatewayConnection = { id: this.connections.length + 1, path: url.pathname, query: Object.fromEntries(url.searchParams) };
      this.connections.push(connection);
      if (connection.query.v !== '10') return ws.close(4012, 'Invalid API version.');
      if ((connection.query.encoding ?? 'json') !== 'json') return ws.close(4002, 'The fake speaks encoding=json only.');
      serveConnection(this, ws, connection.id);
    });
  }

  startSession(intents: number, socket: WebSocket): GatewaySession {
    const session = new GatewaySession(this.state.ids.next().slice(-12), intents);
    session.socket = socket;
    this.sessions.set(session.id, session);
    this.sessionsStarted += 1;
    return session;
  }

  findSession(id: string): GatewaySession | undefined {
    return this.sessions.get(id);
  }

  resumeSession(session: GatewaySession, socket: WebSocket): GatewaySession {
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    this.resumes += 1;
    return session;
  }

  /** Sends an event to every session whose intents cover it; disconnected sessions get it on RESUME. */
  dispatch(t: string, d: unknown, opts: { intent?: number } = {}): number {
    let delivered = 0;
    for (const session of this.sessions.values()) {
      if (!session.wants(opts.intent)) continue;
      session.dispatch(t, d);
      delivered += 1;
    }
    return delivered;
  }

  get hasSession(): boolean {
    return this.sessions.size > 0;
  }

  get connectedSockets(): number {
    return [...this.sessions.values()].filter((s) => s.socket !== undefined).length;
  }

  /**
   * Closes every live socket as Discord does on a restart. 4000 (Unknown error) is resumable;
   * `terminate` drops TCP without a close frame (the client sees 1006).
   */
  async dropConnection(opts: { code?: number; terminate?: boolean } = {}): Promise<void> {
    const sockets = [...this.wss.clients];
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.once('close', () => resolve());
            if (opts.terminate) ws.terminate();
            else ws.close(opts.code ?? 4000, 'Unknown error.');
          }),
      ),
    );
  }

  /** Ends every socket; the HTTP server closes separately. */
  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
