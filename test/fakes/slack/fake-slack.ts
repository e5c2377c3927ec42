import type { AddressInfo } from 'node:net';
import { createApiServer } from './api-server';
import { CallLog, type RecordedCall } from './call-log';
import { FailureQueue, type FailureSpec } from './failures';
import { FakeSocketMode, type SocketAck, type SocketEvent } from './socket-mode';
import { FakeSlackState, type FakeEphemeral, type FakeMessage, type FakeResponse, type FakeUser, type FakeView } from './state';

export interface StartFakeSlackOptions {
  /** Bot token (xoxb) the Web API accepts. Default `xoxb-fake-bot-token`. */
  botToken?: string;
  /** App-level token (xapp) apps.connections.open accepts. Default `xapp-fake-app-token`. */
  appToken?: string;
  /** Clock in ms for trigger and response_url expiry and message ts. Default Date.now. */
  now?: () => number;
  users?: FakeUser[];
  usergroups?: Record<string, string[]>;
  /** The installed bot token's scopes (default: the manifest's, `commands` included). */
  botScopes?: string[];
}

/** A local Slack: Web API, response_url endpoint and Socket Mode, all on one 127.0.0.1 port. */
export interface FakeSlack {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>/api/`, the value for WebClient's `slackApiUrl`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly state: FakeSlackState;
  readonly calls: readonly RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Next call of `method` after now (register before triggering it). */
  nextCall(method: string, matches?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Makes the next call(s) of a method (or `respond` for response_url posts) fail. */
  failNext(method: string, spec: FailureSpec): void;
  messages(channel: string): FakeMessage[];
  ephemeralsFor(user: string): FakeEphemeral[];
  openedViews(): FakeView[];
  homeView(userId: string): FakeView | undefined;
  responses(): FakeResponse[];
  issueTriggerId(): string;
  /** A response_url on this fake, tied to the message (and user) it answers for. */
  issueResponseUrl(binding?: { channel?: string; messageTs?: string; user?: string }): string;
  addUser(user: FakeUser): void;
  addUsergroup(id: string, userIds: string[]): void;
  /** Sends a Socket Mode envelope; resolves with the app's ack payload. */
  sendSocketEvent(event: SocketEvent, opts?: { timeoutMs?: number }): Promise<unknown>;
  /** `refresh` (default): Slack's disconnect message; `drop`: the TCP connection is cut. */
  disconnectSocket(opts?: { mode?: 'refresh' | 'drop'; reason?: string }): Promise<void>;
  nextSocketConnection(timeoutMs?: number): Promise<void>;
  /** Resolves once the fake has seen every open socket close (after the app disconnects). */
  socketsClosed(): Promise<void>;
  readonly socketConnectionCount: number;
  readonly openSocketCount: number;
  readonly socketAcks: readonly SocketAck[];
  /** Ends every socket, server and pending wait. */
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeSlack(opts: StartFakeSlackOptions = {}): Promise<FakeSlack> {
  const state = new FakeSlackState(opts.now ?? Date.now);
  for (const user of opts.users ?? []) state.users.set(user.id, user);
  if (opts.botScopes) state.botScopes = [...opts.botScopes];
  for (const [id, users] of Object.entries(opts.usergroups ?? {})) state.usergroups.set(id, users);
  const calls = new CallLog();
  const failures = new FailureQueue();
  const socket = new FakeSocketMode();
  const tokens = { bot: opts.botToken ?? 'xoxb-fake-bot-token', app: opts.appToken ?? 'xapp-fake-app-token' };
  let baseUrl = '';
  const server = createApiServer({
    state, calls, failures, tokens,
    context: () => ({ state, baseUrl, openSocketUrl: () => socket.openUrl(baseUrl.replace(/^http/, 'ws')) }),
  });
  server.on('upgrade', (req, sock, head) => socket.handleUpgrade(req, sock, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl, apiUrl: `${baseUrl}/api/`, botToken: tokens.bot, appToken: tokens.app, state,
    calls: calls.calls,
    callsTo: (method) => calls.callsTo(method),
    nextCall: (method, matches, timeoutMs) => calls.nextCall(method, matches, timeoutMs),
    failNext: (method, spec) => failures.add(method, spec),
    messages: (channel) => (state.channels.get(channel) ?? []).filter((m) => !m.deleted),
    ephemeralsFor: (user) => state.ephemerals.filter((e) => e.user === user),
    openedViews: () => [...state.views.values()],
    homeView: (userId) => state.homeViews.get(userId),
    responses: () => [...state.responses],
    issueTriggerId: () => state.issueTriggerId(),
    issueResponseUrl: (binding = {}) => `${baseUrl}/respond/${state.issueResponseUrl(binding)}`,
    addUser: (user) => void state.users.set(user.id, user),
    addUsergroup: (id, userIds) => void state.usergroups.set(id, userIds),
    sendSocketEvent: (event, o) => socket.send(event, o?.timeoutMs),
    disconnectSocket: (o) => socket.disconnect(o?.mode, o?.reason),
    nextSocketConnection: (timeoutMs) => socket.nextConnection(timeoutMs),
    socketsClosed: () => socket.allClosed(),
    get socketConnectionCount() { return socket.connectionCount; },
    get openSocketCount() { return socket.openConnections; },
    socketAcks: socket.acks,
    async close() {
      calls.close();
      socket.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients keep HTTP connections alive; without this, close() would wait for their idle timeout.
        server.closeAllConnections();
      });
    },
  };
}
