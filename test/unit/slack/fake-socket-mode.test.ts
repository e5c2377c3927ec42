/**
 * The fake's Socket Mode end, spoken to with a bare `ws` client: the protocol @slack/socket-mode expects.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

async function openSocketUrl(): Promise<string> {
  const res = await fetch(`${fake.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${fake.appToken}` } });
  const body = (await res.json()) as { ok: boolean; url: string };
  expect(body.ok).toBe(true);
  return body.url;
}

/** Connects and resolves with the socket and its first message (hello). */
function connect(url: string): Promise<{ ws: WebSocket; hello: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('message', (data) => resolve({ ws, hello: JSON.parse(String(data)) as Record<string, unknown> }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const nextMessage = (ws: WebSocket) => new Promise<Record<string, unknown>>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)) as Record<string, unknown>)));

describe('fake Socket Mode protocol', () => {
  it('GIVEN apps.connections.open THEN a one-use ws://127.0.0.1 URL whose connection starts with hello', async () => {
    const url = await openSocketUrl();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket\?ticket=\w+&app_id=A0FAKEAPP1$/);
    const { ws, hello } = await connect(url);
    expect(hello).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKEAPP1' } });
    await expect(connect(url)).rejects.toThrow('HTTP 401');
    ws.close();
    await fake.socketsClosed();
  });

  it('GIVEN an envelope THEN it carries an envelope_id and the promise resolves with the payload acked under that id', async () => {
    const { ws } = await connect(await openSocketUrl());
    const envelopeArrives = nextMessage(ws);
    const acked = fake.sendSocketEvent({ type: 'interactive', payload: { type: 'block_actions' } });
    const envelope = await envelopeArrives;
    expect(envelope).toMatchObject({ type: 'interactive', payload: { type: 'block_actions' }, accepts_response_payload: true });
    ws.send(JSON.stringify({ envelope_id: 'some-other-id', payload: { wrong: true } }));
    ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { response_action: 'clear' } }));
    expect(await acked).toEqual({ response_action: 'clear' });
    expect(fake.socketAcks.map((a) => a.envelope_id)).toEqual(['some-other-id', envelope.envelope_id]);
    ws.close();
  });

  it('GIVEN disconnectSocket THEN the client gets Slack disconnect message; a socket closed before acking fails the send', async () => {
    const { ws } = await connect(await openSocketUrl());
    const disconnectArrives = nextMessage(ws);
    const done = fake.disconnectSocket();
    expect(await disconnectArrives).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
    ws.close(1000);
    await done;
    expect(fake.openSocketCount).toBe(0);
    await expect(fake.sendSocketEvent({ type: 'events_api', payload: {} })).rejects.toThrow('no Socket Mode connection');

    const second = await connect(await openSocketUrl());
    const unanswered = fake.sendSocketEvent({ type: 'slash_commands', payload: {} });
    await nextMessage(second.ws);
    second.ws.terminate();
    await expect(unanswered).rejects.toThrow('socket closed before envelope');
  });
});
