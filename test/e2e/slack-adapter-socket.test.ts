/**
 * The Slack adapter in Socket Mode, end to end: the real bolt SocketModeReceiver dials the fake's
 * apps.connections.open and WebSocket, with the real store (PGlite), runner and outbox. No public
 * URL is involved: every command, click and form arrives as an envelope and is acked on the socket.
 */
import { describe, expect, it } from 'vitest';
import {
  gateCardFor, OPERATOR, ORIGIN, REVIEWER, runStartedBy, useSlackFactory, textOf, waitFor, type SlackFactory,
} from './slack-adapter-support';

let f: SlackFactory;
useSlackFactory('socket', (started) => (f = started));

describe('Slack in Socket Mode', () => {
  it('GIVEN /factory run demo over the socket THEN the gate card, Approve edits it, the run completes and /factory status shows it done', async () => {
    expect(f.fake.callsTo('apps.connections.open')[0]?.token).toBe(f.fake.appToken);
    const answer = await f.command('run demo', OPERATOR);
    // Acked at once and empty: the run-started card is posted to the channel, not echoed.
    expect(answer.ack).toEqual({});
    const run = await runStartedBy(f, OPERATOR);
    const status = await waitFor(() => f.fake.messages(ORIGIN).find((m) => !m.threadTs && textOf(m).includes(`run ${run.id}`) && textOf(m).includes('Started by olga')), 'the status card');

    const { gateId, message } = await gateCardFor(f, run.id);
    expect(await f.click(`gate:${gateId}:approve`, REVIEWER, message)).toMatchObject({ ack: {} });
    await waitFor(() => message.edits.length > 0 && textOf(message).includes('Approved'), 'chat.update of the gate card');
    expect(JSON.stringify(message.blocks)).not.toContain(`gate:${gateId}:approve`);

    await waitFor(async () => (await f.app.service.getRun(run.id)).status === 'completed', 'the run to complete');
    await waitFor(() => textOf(status).includes(': completed'), 'the status card to say completed');
    // The thread under the status card got the run's updates.
    expect(f.fake.messages(ORIGIN).some((m) => m.threadTs === status.ts)).toBe(true);
    const posted = f.fake.messages(ORIGIN).length;
    await f.command(`status ${run.id} public`, OPERATOR);
    const reply = await waitFor(() => f.fake.messages(ORIGIN).slice(posted).find((m) => textOf(m).includes(`run ${run.id}`)), 'the public status reply');
    expect(textOf(reply)).toContain(': completed');
  });

  it('GIVEN an envelope re-sent with retry_attempt THEN one run; and an empty reason is refused in the form over the socket', async () => {
    const before = new Set((await f.app.service.listActiveRuns()).map((r) => r.id));
    const first = await f.command('run demo simulate', OPERATOR);
    await f.command('', OPERATOR, { reuse: first.raw, retryNum: 1 });
    const run = await runStartedBy(f, OPERATOR, before);
    const { gateId, message } = await gateCardFor(f, run.id);
    expect((await f.app.service.listActiveRuns()).filter((r) => !before.has(r.id)).map((r) => r.id)).toEqual([run.id]);

    const opened = f.fake.nextCall('views.open');
    await f.click(`gate:${gateId}:reject`, REVIEWER, message);
    const view = ((await opened).response as { view: { private_metadata: string } }).view;
    const refused = await f.submit(`gate:${gateId}:reject`, REVIEWER, { reason: '' }, view.private_metadata);
    expect(refused.ack).toEqual({ response_action: 'errors', errors: { reason: expect.stringContaining('a few words') } });
    const accepted = await f.submit(`gate:${gateId}:reject`, REVIEWER, { reason: 'Shorter, please' }, view.private_metadata);
    expect(accepted.ack).toEqual({});
    await waitFor(async () => (await f.app.service.getGate(gateId)).status === 'rejected', 'the rejection');
  });
});
