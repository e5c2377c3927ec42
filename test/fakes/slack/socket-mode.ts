import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { FAKE_TEAM } from './state';

/** An envelope as Slack sends it over Socket Mode; `envelope_id` is filled in by the fake. */
export interface SocketEvent {
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: unknown;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface SocketAck { envelope_id: string; payload: unknown }

interface ConnectionWaiter { wake: () => void; fail: (error: Error) => void; timer: ReturnType<typeof setTimeout> }
interface Pending { resolve: (payload: unknown) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout>; socket: WebSocket }

/**
 * Slack's Socket Mode end, as @slack/socket-mode 3 expects it: apps.connections.open hands out a
 * one-use `ws://127.0.0.1:<port>/socket?ticket=…` URL; on connect the server says
 * `{type:'hello'}` (the client resolves start() on it); envelopes go out with an `envelope_id` and
 * the app answers `{envelope_id, payload}`; `{type:'disconnect', reason:'refresh_requested'}`
 * makes the client close with 1000 and reconnect through apps.connections.open again.
 */
export class FakeSocketMode {
  readonly acks: SocketAck[] = [];
  connectionCount = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly live: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  private connectionWaiters: ConnectionWaiter[] = [];

  /** The URL apps.connections.open answers with; each ticket opens one connection. */
  openUrl(wsBase: string): string {
    const ticket = randomBytes(16).toString('hex');
    this.tickets.add(ticket);
    return `${wsBase}/socket?ticket=${ticket}&app_id=${FAKE_TEAM.appId}`;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/socket' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.live.push(ws);
    this.connectionCount += 1;
    ws.on('message', (data) => this.onAck(String(data)));
    ws.on('close', () => {
      this.live.splice(this.live.indexOf(ws), 1);
      for (const [id, p] of this.pending) if (p.socket === ws) this.settle(id, new Error(`socket closed before envelope ${id} was acknowledged`));
    });
    ws.send(JSON.stringify({
      type: 'hello', num_connections: this.live.length, connection_info: { app_id: FAKE_TEAM.appId },
      debug_info: { host: 'fake-slack-127-0-0-1', build_number: 1, approximate_connection_time: 18060 },
    }));
    const waiters = this.connectionWaiters;
    this.connectionWaiters = [];
    for (const waiter of waiters) {
      clearTimeout(waiter.timer);
      waiter.wake();
    }
  }

  private onAck(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.envelope_id !== 'string') return;
    this.acks.push({ envelope_id: message.envelope_id, payload: message.payload });
    this.settle(message.envelope_id, undefined, message.payload);
  }

  private settle(id: string, error?: Error, payload?: unknown): void {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    if (error) p.reject(error);
    else p.resolve(payload);
  }

  /** Sends an envelope on the newest connection; resolves with the ack's payload (e.g. `{}` or `{response_action:'errors',…}`). */
  send(event: SocketEvent, timeoutMs = 5000): Promise<unknown> {
    const ws = this.live.at(-1);
    if (!ws) return Promise.reject(new Error('fake Slack: no Socket Mode connection is open'));
    const envelopeId = randomUUID();
    const envelope = {
      envelope_id: envelopeId, type: event.type, payload: event.payload,
      accepts_response_payload: event.type !== 'events_api',
      ...(event.type === 'events_api' ? { retry_attempt: event.retry_attempt ?? 0, retry_reason: event.retry_reason ?? '' } : {}),
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(envelopeId, new Error(`fake Slack: envelope ${envelopeId} (${event.type}) not acknowledged within ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer, socket: ws });
      ws.send(JSON.stringify(envelope));
    });
  }

  /** Resolves when the next connection has been greeted with hello. Register it before causing the reconnect. */
  nextConnection(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter: ConnectionWaiter = {
        wake: resolve,
        fail: reject,
        timer: setTimeout(() => {
          this.connectionWaiters = this.connectionWaiters.filter((w) => w !== waiter);
          reject(new Error(`fake Slack: no Socket Mode connection within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.connectionWaiters.push(waiter);
    });
  }

  /**
   * Ends the open connections: `refresh` sends Slack's `disconnect` message and waits for the
   * client to close, `drop` cuts the TCP connection without a close frame.
   */
  async disconnect(mode: 'refresh' | 'drop' = 'refresh', reason = 'refresh_requested'): Promise<void> {
    await Promise.all([...this.live].map((ws) => new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      if (mode === 'drop') ws.terminate();
      else ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack-127-0-0-1' } }));
    })));
  }

  /** Resolves once no connection is open (the server has seen every close). */
  async allClosed(): Promise<void> {
    await Promise.all([...this.live].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve()))));
  }

  get openConnections(): number {
    return this.live.length;
  }

  close(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, new Error('fake Slack closed'));
    for (const ws of [...this.live]) ws.terminate();
    for (const waiter of this.connectionWaiters) {
      clearTimeout(waiter.timer);
      waiter.fail(new Error('fake Slack closed'));
    }
    this.connectionWaiters = [];
    this.wss.close();
  }
}
