/**
 * The real @slack/bolt App, HTTP mode and Socket Mode, against the local Slack fake.
 * Nothing leaves 127.0.0.1; every wait is on an event (a recorded call, an ack, a connection).
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type BlockAction, type BufferedIncomingMessage } from '@slack/bolt';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/slack/render-card';
import { renderModal } from '../../adapters/slack/render-modal';
import { verifySlackRequest } from '../../adapters/slack/verify-request';
import type { Card } from '../../src/domain/card';
import {
  blockActionsBody, signedRequest, slashCommandBody, slashCommandPayload, startFakeSlack, viewSubmissionBody, type FakeSlack,
} from '../fakes/slack';
import { watchForLeaks } from '../fakes/slack/leak-guard';
import { quietLogger } from '../fakes/slack/quiet-logger';

const SECRET = 'e2e-signing-secret';
const CHANNEL = 'C0FAKECHN1';
const fast = { retries: 0 };

const gateCard = (decidedBy?: { id: string; name: string }): Card => ({
  kind: 'gate', title: 'Approve deploy of nightly-build #42', summary: 'Gate waiting: deploy', tone: decidedBy ? 'success' : 'pending',
  description: decidedBy ? `**Approved** by ${decidedBy.name}` : 'The **build** passed. Approve to deploy.',
  mentions: decidedBy ? [decidedBy.id] : [],
  fields: [{ label: 'Run', value: '#42', inline: true }, { label: 'Block', value: 'deploy', inline: true }],
  actions: decidedBy ? [] : [
    { id: 'gate:42:approve', label: 'Approve', style: 'primary' },
    { id: 'gate:42:reject', label: 'Reject', style: 'danger' },
  ],
});

/**
 * How the bot's own HTTP server can host bolt at /slack/events: buffer the raw body, verify it with
 * our two-sided check (bolt accepts future timestamps), then hand the request to HTTPReceiver's
 * requestListener, which reuses `rawBody` instead of reading the stream again.
 */
function mountSlackEvents(receiver: HTTPReceiver, signingSecret: string): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/slack/events') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const verdict = verifySlackRequest({ signingSecret, body: rawBody, headers: req.headers, now: new Date() });
      if (!verdict.ok) {
        res.writeHead(401).end();
        return;
      }
      (req as BufferedIncomingMessage).rawBody = rawBody;
      receiver.requestListener(req, res);
    });
  };
}

async function listen(listener: RequestListener): Promise<{ server: Server; base: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const guard = watchForLeaks();
let fake: FakeSlack;
afterAll(async () => {
  const leaks = await guard.leaks();
  guard.stop();
  expect(leaks).toEqual([]);
});
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

describe('bolt in HTTP mode, mounted on our own server, against the fake Web API', () => {
  let app: App;
  let base: string;
  let server: Server;
  let logger: ReturnType<typeof quietLogger>;
  let handled: string[];

  beforeEach(async () => {
    logger = quietLogger();
    handled = [];
    const receiver = new HTTPReceiver({ signingSecret: SECRET, logger });
    // With token verification on (the default) bolt calls auth.test at construction; wait for it so
    // no call is still in flight when the fake closes.
    const authed = fake.nextCall('auth.test');
    app = new App({ receiver, token: fake.botToken, logger, clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: fast } });
    await authed;
    app.command('/factory', async ({ command, ack, client }) => {
      handled.push(`command:${command.text}`);
      await ack();
      await client.chat.postMessage({ channel: command.channel_id, ...renderCard(gateCard()) });
    });
    app.action<BlockAction>('gate:42:approve', async ({ ack, body, client }) => {
      handled.push('approve');
      await ack();
      await client.chat.update({ channel: body.channel?.id ?? '', ts: body.message?.ts ?? '', ...renderCard(gateCard({ id: body.user.id, name: body.user.name ?? body.user.id })) });
    });
    app.action<BlockAction>('gate:42:reject', async ({ ack, body, client }) => {
      handled.push('reject');
      await ack();
      const modal = { id: 'gate:42:reject', title: 'Reject deploy of nightly-build #42', fields: [{ id: 'reason', label: 'Why?', required: true, multiline: true, maxLength: 5000 }] };
      await client.views.open({ trigger_id: body.trigger_id, view: renderModal(modal, 'gate:42') });
    });
    app.view('gate:42:reject', async ({ ack, view }) => {
      handled.push('view');
      const reason = view.state.values.reason?.reason?.value ?? '';
      if (!reason.trim()) return ack({ response_action: 'errors', errors: { reason: 'Please say why you reject it.' } });
      return ack();
    });
    ({ server, base } = await listen(mountSlackEvents(receiver, SECRET)));
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('GIVEN a signed /factory command THEN the handler acks with 200 and the card lands in the channel', async () => {
    const posted = fake.nextCall('chat.postMessage');
    const res = await signedRequest(base, '/slack/events', slashCommandBody({ text: 'status', channel_id: CHANNEL, trigger_id: fake.issueTriggerId() }), { secret: SECRET });
    expect(res.status).toBe(200);
    expect((await posted).response).toMatchObject({ ok: true, channel: CHANNEL });
    const [message] = fake.messages(CHANNEL);
    expect(message?.text).toBe('Gate waiting: deploy');
    expect(JSON.stringify(message?.blocks)).toContain('gate:42:approve');
    expect(fake.callsTo('auth.test')).toHaveLength(1);
    expect(handled).toEqual(['command:status']);
    expect(logger.problems).toEqual([]);
  });

  it('GIVEN a click on Approve THEN chat.update edits the posted card and keeps the old version', async () => {
    const { ts } = await app.client.chat.postMessage({ channel: CHANNEL, ...renderCard(gateCard()) });
    const message = fake.messages(CHANNEL)[0];
    const updated = fake.nextCall('chat.update');
    const body = blockActionsBody({ action_id: 'gate:42:approve', user: 'U0REVIEWER', channel: CHANNEL, message: { ts: ts ?? '', blocks: message?.blocks ?? [] }, trigger_id: fake.issueTriggerId() });
    expect((await signedRequest(base, '/slack/events', body, { secret: SECRET })).status).toBe(200);
    expect((await updated).response).toMatchObject({ ok: true, ts });
    expect(fake.messages(CHANNEL)).toHaveLength(1);
    expect(message?.edits).toHaveLength(1);
    expect(JSON.stringify(message?.blocks)).toContain('*Approved* by ana');
    expect(message?.text).toBe('<@U0REVIEWER> Gate waiting: deploy');
    expect(JSON.stringify(message?.blocks)).not.toContain('gate:42:approve');
  });

  it('GIVEN a click on Reject THEN views.open uses the click trigger_id and the fake holds the modal', async () => {
    const opened = fake.nextCall('views.open');
    const body = blockActionsBody({ action_id: 'gate:42:reject', channel: CHANNEL, message: { ts: '1700000000.000001' }, trigger_id: fake.issueTriggerId() });
    await signedRequest(base, '/slack/events', body, { secret: SECRET });
    expect((await opened).response).toMatchObject({ ok: true, view: { callback_id: 'gate:42:reject', private_metadata: 'gate:42' } });
    expect(fake.openedViews()).toHaveLength(1);
  });

  it('GIVEN a stale or unknown trigger_id THEN views.open is refused as Slack refuses it', async () => {
    const refused = fake.nextCall('views.open');
    await signedRequest(base, '/slack/events', blockActionsBody({ action_id: 'gate:42:reject', channel: CHANNEL }), { secret: SECRET });
    expect((await refused).response).toEqual({ ok: false, error: 'invalid_trigger_id' });
    expect(fake.openedViews()).toEqual([]);
  });

  it('GIVEN a view_submission with an empty reason THEN the HTTP answer carries response_action errors', async () => {
    const empty = await signedRequest(base, '/slack/events', viewSubmissionBody({ callback_id: 'gate:42:reject', private_metadata: 'gate:42', values: { reason: '  ' } }), { secret: SECRET });
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { reason: 'Please say why you reject it.' } });
    const filled = await signedRequest(base, '/slack/events', viewSubmissionBody({ callback_id: 'gate:42:reject', values: { reason: 'tests are red' } }), { secret: SECRET });
    expect(filled.status).toBe(200);
    expect(await filled.text()).toBe('');
    expect(handled).toEqual(['view', 'view']);
  });

  it('GIVEN a bad signature, a stale or a future timestamp THEN 401 and no handler runs', async () => {
    const body = slashCommandBody({ text: 'status' });
    const now = Math.floor(Date.now() / 1000);
    const answers = await Promise.all([
      signedRequest(base, '/slack/events', body, { secret: 'not-the-secret' }),
      signedRequest(base, '/slack/events', body, { secret: SECRET, signature: 'v0=00' }),
      signedRequest(base, '/slack/events', body, { secret: SECRET, timestamp: now - 6 * 60 }),
      signedRequest(base, '/slack/events', body, { secret: SECRET, timestamp: now + 6 * 60 }),
      signedRequest(base, '/slack/events', body, { secret: SECRET, omit: ['signature'] }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(handled).toEqual([]);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('bolt HTTPReceiver on its own', () => {
  it('GIVEN a timestamp one hour in the future THEN bolt alone accepts it (why mountSlackEvents verifies first)', async () => {
    const logger = quietLogger();
    const receiver = new HTTPReceiver({ signingSecret: SECRET, logger });
    const app = new App({ receiver, token: fake.botToken, logger, tokenVerificationEnabled: false, clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: fast } });
    let ran = false;
    app.command('/factory', async ({ ack }) => {
      ran = true;
      await ack();
    });
    const { server, base } = await listen((req, res) => receiver.requestListener(req, res));
    try {
      const res = await signedRequest(base, '/slack/events', slashCommandBody(), { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) + 3600 });
      expect(res.status).toBe(200);
      expect(ran).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('bolt in Socket Mode against the fake', () => {
  it('GIVEN socketMode: true with clientOptions.slackApiUrl THEN apps.connections.open and the socket are the fake, and a slash command is acked there', async () => {
    const logger = quietLogger();
    const app = new App({ socketMode: true, appToken: fake.appToken, token: fake.botToken, logger, clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: fast } });
    app.command('/factory', async ({ ack, command, client }) => {
      await ack();
      await client.chat.postMessage({ channel: command.channel_id, text: `you said ${command.text}` });
    });
    app.view('gate:42:reject', async ({ ack }) => ack({ response_action: 'errors', errors: { reason: 'Please say why.' } }));
    // Bolt acks Events API envelopes before the listener runs, so the listener reports on its own.
    const mentioned = new Promise<string>((resolve) => app.event('app_mention', async ({ event }) => resolve(event.text)));
    await app.start();
    try {
      expect(fake.callsTo('apps.connections.open')[0]?.token).toBe(fake.appToken);
      const posted = fake.nextCall('chat.postMessage');
      const ack = await fake.sendSocketEvent({ type: 'slash_commands', payload: slashCommandPayload({ text: 'status', channel_id: CHANNEL }) });
      expect(ack).toEqual({});
      expect((await posted).args).toMatchObject({ channel: CHANNEL, text: 'you said status' });

      const submission = JSON.parse(new URLSearchParams(viewSubmissionBody({ callback_id: 'gate:42:reject', values: { reason: '' } })).get('payload') ?? '{}') as unknown;
      expect(await fake.sendSocketEvent({ type: 'interactive', payload: submission })).toEqual({ response_action: 'errors', errors: { reason: 'Please say why.' } });

      const mention = { type: 'app_mention', user: 'U0FAKEUSR1', text: '<@U0FAKEBOT1> status', ts: '1700000000.000200', channel: CHANNEL, event_ts: '1700000000.000200' };
      const callback = { token: 'x', team_id: 'T0FAKE0001', api_app_id: 'A0FAKEAPP1', type: 'event_callback', event_id: 'Ev0001', event_time: 1700000000 };
      expect(await fake.sendSocketEvent({ type: 'events_api', payload: { ...callback, event: mention } })).toEqual({});
      expect(await mentioned).toBe('<@U0FAKEBOT1> status');
    } finally {
      // app.stop() only starts the close handshake (SocketModeReceiver.stop does not await it).
      await app.stop();
      await fake.socketsClosed();
    }
    expect(logger.problems).toEqual([]);
  });

  it('GIVEN a refresh_requested disconnect and then a dropped socket THEN the client reconnects each time and later events still arrive', async () => {
    const logger = quietLogger();
    // clientPingTimeout also sets the reconnect delay (1 × timeout); 500 ms keeps the test short.
    const receiver = new SocketModeReceiver({
      appToken: fake.appToken, logger, clientPingTimeout: 500,
      installerOptions: { clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: fast } },
    });
    const app = new App({ receiver, token: fake.botToken, logger, clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: fast } });
    const seen: string[] = [];
    app.command('/factory', async ({ ack, command }) => {
      seen.push(command.text);
      await ack({ response_type: 'ephemeral', text: `ok ${command.text}` });
    });
    await receiver.start();
    try {
      expect(await fake.sendSocketEvent({ type: 'slash_commands', payload: slashCommandPayload({ text: 'one' }) })).toEqual({ response_type: 'ephemeral', text: 'ok one' });

      const refreshed = fake.nextSocketConnection();
      await fake.disconnectSocket({ mode: 'refresh' });
      await refreshed;
      expect(await fake.sendSocketEvent({ type: 'slash_commands', payload: slashCommandPayload({ text: 'two' }) })).toEqual({ response_type: 'ephemeral', text: 'ok two' });

      const redialled = fake.nextSocketConnection();
      await fake.disconnectSocket({ mode: 'drop' });
      await redialled;
      expect(await fake.sendSocketEvent({ type: 'slash_commands', payload: slashCommandPayload({ text: 'three' }) })).toEqual({ response_type: 'ephemeral', text: 'ok three' });

      expect(seen).toEqual(['one', 'two', 'three']);
      expect(fake.socketConnectionCount).toBe(3);
      expect(fake.callsTo('apps.connections.open')).toHaveLength(3);
    } finally {
      await receiver.client.disconnect();
    }
    await fake.socketsClosed();
    expect(fake.openSocketCount).toBe(0);
  });
});
