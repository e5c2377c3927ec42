/**
 * The gateway protocol on one socket: HELLO on open; HEARTBEAT (1) -> ACK (11); IDENTIFY (2) with
 * the bot token -> READY + one GUILD_CREATE per guild; RESUME (6) -> replay missed dispatches ->
 * RESUMED. Mistakes close the socket with Discord's close codes (4001-4014).
 */
import type { WebSocket } from 'ws';
import type { FakeGateway } from './gateway';
import type { GatewaySession } from './gateway-session';
import { isRecord } from './form-errors';
import { buildGuildCreate } from './payload-builders';

/** GuildMembers, GuildPresences, MessageContent: need approval in the developer portal. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

/** Handles one accepted socket until it closes. */
export function serveConnection(gateway: FakeGateway, socket: WebSocket, connectionId: number): void {
  let session: GatewaySession | undefined;
  const { state } = gateway;
  socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: gateway.options.heartbeatIntervalMs }, s: null, t: null }));

  socket.on('message', (raw) => {
    let payload: unknown;
    try {
      payload = JSON.parse(String(raw));
    } catch {
      return socket.close(4002, 'Error while decoding payload.');
    }
    if (!isRecord(payload) || typeof payload.op !== 'number') return socket.close(4002, 'Error while decoding payload.');
    const d = isRecord(payload.d) ? payload.d : {};
    gateway.received.push({ op: payload.op, d: payload.d, at: state.now(), connectionId });
    state.changed();
    switch (payload.op) {
      case 1:
        return socket.send(JSON.stringify({ op: 11 }));
      case 2:
        if (session) return socket.close(4005, 'Already authenticated.');
        if (d.token !== state.token) return socket.close(4004, 'Authentication failed.');
        if (Array.isArray(d.shard) && (d.shard[0] !== 0 || d.shard[1] !== 1)) return socket.close(4010, 'Invalid shard.');
        if (typeof d.intents !== 'number') return socket.close(4013, 'Invalid intent(s).');
        if ((d.intents & PRIVILEGED_INTENTS) !== 0 && !gateway.options.privilegedIntents) return socket.close(4014, 'Disallowed intent(s).');
        session = gateway.startSession(d.intents, socket);
        return sendReady(gateway, session);
      case 6: {
        if (session) return socket.close(4005, 'Already authenticated.');
        if (d.token !== state.token) return socket.close(4004, 'Authentication failed.');
        const existing = gateway.findSession(String(d.session_id));
        // INVALID_SESSION d:false tells the client to identify afresh.
        if (!existing) return socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
        if (typeof d.seq !== 'number' || d.seq > existing.seq) return socket.close(4007, 'Invalid seq.');
        session = gateway.resumeSession(existing, socket);
        existing.replayAfter(d.seq);
        existing.dispatch('RESUMED', null);
        return;
      }
      case 3:
      case 4:
      case 8:
        if (!session) return socket.close(4003, 'Not authenticated.');
        return;
      default:
        return socket.close(4001, 'Unknown opcode.');
    }
  });

  socket.on('close', () => {
    if (session?.socket === socket) session.socket = undefined;
    state.changed();
  });
}

function sendReady(gateway: FakeGateway, session: GatewaySession): void {
  const { state } = gateway;
  session.dispatch('READY', {
    v: 10,
    user: state.botUser,
    guilds: [...state.guilds.keys()].map((id) => ({ id, unavailable: true })),
    session_id: session.id,
    session_type: 'normal',
    resume_gateway_url: gateway.resumeUrl,
    shard: [0, 1],
    application: { id: state.applicationId, flags: gateway.options.applicationFlags },
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    user_settings: {},
    auth: {},
    _trace: ['["fake-discord",{"micros":0}]'],
  });
  // Discord lazily sends every guild the bot is in right after READY.
  for (const guild of state.guilds.values()) session.dispatch('GUILD_CREATE', buildGuildCreate(state, guild));
}
