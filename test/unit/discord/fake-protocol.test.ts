/**
 * The fake Discord's own protocol checks, driven with raw fetch and ws on 127.0.0.1 (no discord.js):
 * the errors a real bot would hit must come back exactly as Discord sends them.
 */
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord';

let fake: FakeDiscord;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  fake = await startFakeDiscord();
});

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await fake.close();
});

/** Opens a gateway socket and collects every frame it receives. */
async function connect(query = '?v=10&encoding=json'): Promise<{ ws: WebSocket; frames: Array<Record<string, unknown>>; next: () => Promise<Record<string, unknown>> }> {
  const ws = new WebSocket(`${fake.gatewayUrl}${query}`);
  sockets.push(ws);
  const frames: Array<Record<string, unknown>> = [];
  let read = 0;
  ws.on('message', (raw) => frames.push(JSON.parse(String(raw)) as Record<string, unknown>));
  const next = async (): Promise<Record<string, unknown>> => {
    while (frames.length <= read) await once(ws, 'message');
    return frames[read++]!;
  };
  await once(ws, 'open');
  return { ws, frames, next };
}

const closeCode = async (ws: WebSocket): Promise<number> => ((await once(ws, 'close')) as [number])[0];
const api = (path: string, init: RequestInit = {}) => fetch(`${fake.restUrl}/v10${path}`, init);

describe('fake Discord gateway', () => {
  it('GIVEN a connection THEN HELLO; heartbeat THEN ACK; identify THEN READY with resume_gateway_url', async () => {
    const { ws, next } = await connect();
    expect(await next()).toMatchObject({ op: 10, d: { heartbeat_interval: 1000 } });
    ws.send(JSON.stringify({ op: 1, d: null }));
    expect(await next()).toEqual({ op: 11 });
    ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {} } }));
    expect(await next()).toMatchObject({ op: 0, t: 'READY', s: 1, d: { resume_gateway_url: fake.gateway.resumeUrl, application: { id: fake.applicationId } } });
    expect(fake.sessionsStarted).toBe(1);
  });

  it.each([
    ['a wrong token', { op: 2, d: { token: 'nope', intents: 1 } }, 4004],
    ['privileged intents (GuildMembers)', { op: 2, d: { token: 'TOKEN', intents: 1 | (1 << 1) } }, 4014],
    ['an unknown opcode', { op: 42, d: {} }, 4001],
  ])('GIVEN %s THEN the socket closes with Discord\'s code', async (_name, payload, code) => {
    const { ws, next } = await connect();
    await next();
    const closed = closeCode(ws);
    ws.send(JSON.stringify(payload).replace('TOKEN', fake.token));
    expect(await closed).toBe(code);
  });

  it('GIVEN API version 9 THEN 4012; GIVEN RESUME of an unknown session THEN INVALID_SESSION false', async () => {
    const old = await connect('?v=9&encoding=json');
    expect(await closeCode(old.ws)).toBe(4012);
    const { ws, next } = await connect();
    await next();
    ws.send(JSON.stringify({ op: 6, d: { token: fake.token, session_id: 'gone', seq: 3 } }));
    expect(await next()).toMatchObject({ op: 9, d: false });
  });
});

describe('fake Discord REST', () => {
  it('GIVEN no bot token THEN 401; GIVEN an unknown route THEN 404', async () => {
    expect((await api('/users/@me')).status).toBe(401);
    expect(await (await api('/users/@me')).json()).toEqual({ message: '401: Unauthorized', code: 0 });
    expect((await api('/nope', { headers: { authorization: `Bot ${fake.token}` } })).status).toBe(404);
  });

  it('GIVEN a second callback for one interaction THEN 400 40060; GIVEN an unknown one THEN 404 10062', async () => {
    const { ws, next } = await connect();
    await next();
    ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1 } }));
    await next();
    const guild = fake.createGuild();
    const handle = fake.dispatchInteraction('command', { channelId: guild.channels.general, name: 'factory' });
    const post = () => api(`/interactions/${handle.id}/${handle.token}/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 4, data: { content: 'hi' } }) });
    expect((await post()).status).toBe(204);
    const again = await post();
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ message: 'Interaction has already been acknowledged.', code: 40060 });
    const unknown = await api(`/interactions/1/x/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":5}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Unknown interaction', code: 10062 });
  });

  it('GIVEN failNext 429 THEN Discord\'s body and rate-limit headers, once', async () => {
    const auth = { headers: { authorization: `Bot ${fake.token}` } };
    fake.failNext({ method: 'GET', path: /^\/users\/@me$/ }, { status: 429, retryAfter: 0.25, global: true });
    const limited = await api('/users/@me', auth);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ message: 'You are being rate limited.', retry_after: 0.25, global: true });
    expect(limited.headers.get('retry-after')).toBe('0.25');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect((await api('/users/@me', auth)).status).toBe(200);
    expect(fake.failures.outstanding).toBe(0);
  });
});
