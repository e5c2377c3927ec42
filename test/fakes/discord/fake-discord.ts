/**
 * A local Discord for end-to-end tests: one HTTP server on 127.0.0.1:0 serving the REST API under
 * /api/v10 and the gateway (ws) on /gateway. Point discord.js at it with
 * `new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } })`: the client
 * fetches GET /gateway/bot and connects to the `url` it returns, so no gateway option is needed.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { FailureInjector, type FailureMatch, type FailureSpec } from './failure-injection';
import { FakeState, type RecordedRequest } from './fake-state';
import { FakeGateway } from './gateway';
import { createDm, createGuild, type CreateGuildOptions, type CreatedGuild } from './guild-setup';
import { InteractionHandle } from './interaction-handle';
import { createInteraction, type InteractionKind, type InteractionOptionsByKind } from './interaction-payloads';
import { buildUser } from './payload-builders';
import { createRestHandler } from './rest-server';
import { waitForState } from './wait-for';

export interface FakeDiscordOptions {
  /** Bot token the fake accepts (REST `Authorization: Bot <token>`, gateway IDENTIFY). */
  token?: string;
  botUsername?: string;
  /** HELLO heartbeat_interval. Default 1000 ms (Discord: ~41 s). */
  heartbeatIntervalMs?: number;
  /** Initial-response deadline. Default 3000 ms, as on Discord. */
  interactionDeadlineMs?: number;
  /** Let IDENTIFY ask for privileged intents (Discord closes with 4014 unless approved). */
  privilegedIntents?: boolean;
  /** Clock for deadlines, token lifetimes and timestamps; inject one to test the 3 s deadline. */
  now?: () => number;
}

/** Matches recorded requests: method and a regexp on the path below /api/v10. */
export interface RequestMatch {
  method?: string;
  path: RegExp;
}

export class FakeDiscord {
  readonly state: FakeState;
  readonly gateway: FakeGateway;
  readonly failures = new FailureInjector();
  port = 0;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly server: Server,
    opts: FakeDiscordOptions,
  ) {
    const botId = '1100000000000000001';
    const token = opts.token ?? `${Buffer.from(botId).toString('base64')}.fake.discord-token`;
    this.state = new FakeState(buildUser(botId, opts.botUsername ?? 'process-factory', { bot: true }), botId, token, opts.now);
    this.gateway = new FakeGateway(this.state, { heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 1000, privilegedIntents: opts.privilegedIntents ?? false, applicationFlags: 0 });
    server.on('request', createRestHandler(this.state, this.gateway, this.failures, { interactionDeadlineMs: opts.interactionDeadlineMs ?? 3000 }));
    server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Pass as discord.js `rest.api`. */
  get restUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }
  get gatewayUrl(): string {
    return this.gateway.url;
  }
  get token(): string {
    return this.state.token;
  }
  get applicationId(): string {
    return this.state.applicationId;
  }
  get botUser() {
    return this.state.botUser;
  }
  get requests(): readonly RecordedRequest[] {
    return this.state.requests;
  }
  get sessionsStarted(): number {
    return this.gateway.sessionsStarted;
  }
  get resumes(): number {
    return this.gateway.resumes;
  }

  createGuild(opts?: CreateGuildOptions): CreatedGuild {
    return createGuild(this.state, this.gateway, opts);
  }

  createDm(userId: string, username?: string): string {
    return createDm(this.state, userId, username);
  }

  /**
   * Sends an INTERACTION_CREATE built from Discord's samples. Needs a gateway session (the client
   * logged in); while the socket is down the event waits for the client's RESUME, as on Discord.
   */
  dispatchInteraction<K extends InteractionKind>(kind: K, opts: InteractionOptionsByKind[K]): InteractionHandle {
    if (!this.gateway.hasSession) throw new Error('fake-discord: no gateway session; log the client in first');
    const record = createInteraction(this.state, kind, opts);
    this.gateway.dispatch('INTERACTION_CREATE', record.payload);
    this.state.changed();
    return new InteractionHandle(this.state, record);
  }

  /** Dispatches any event to every session (raw gateway control). */
  dispatch(event: string, data: unknown, opts: { intent?: number } = {}): number {
    return this.gateway.dispatch(event, data, opts);
  }

  /** Scripts the next `times` matching requests to fail with 5xx or 429. */
  failNext(match: FailureMatch, spec: FailureSpec): void {
    this.failures.add(match, spec);
  }

  /** Closes the live gateway socket(s) with a resumable code (4000 unless given). */
  dropConnection(opts?: { code?: number; terminate?: boolean }): Promise<void> {
    return this.gateway.dropConnection(opts);
  }

  /** Requests matching `match`, in arrival order. */
  requestsMatching(match: RequestMatch): RecordedRequest[] {
    return this.state.requests.filter((r) => (!match.method || r.method === match.method.toUpperCase()) && match.path.test(r.path));
  }

  /** Resolves with the `count`-th request matching (1-based) once it has been answered. */
  waitForRequest(match: RequestMatch, count = 1, timeoutMs?: number): Promise<RecordedRequest> {
    const what = `request #${count} ${match.method ?? '*'} ${String(match.path)}`;
    return waitForState(this.state, () => this.requestsMatching(match).filter((r) => r.status !== undefined)[count - 1], what, timeoutMs);
  }

  /** Resolves once the gateway received an opcode (e.g. 6 = RESUME) `count` times. */
  waitForOpcode(op: number, count = 1, timeoutMs?: number) {
    return waitForState(this.state, () => this.gateway.received.filter((r) => r.op === op)[count - 1], `gateway opcode ${op} #${count}`, timeoutMs);
  }

  /** Ends sockets, the gateway and the HTTP server; nothing stays open. */
  async close(): Promise<void> {
    await this.gateway.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

/** Starts a fake Discord on 127.0.0.1 with a free port. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const server = createServer();
  const fake = new FakeDiscord(server, opts);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake-discord: no TCP address');
  fake.port = address.port;
  fake.gateway.setBaseUrl(`ws://127.0.0.1:${address.port}`);
  return fake;
}
