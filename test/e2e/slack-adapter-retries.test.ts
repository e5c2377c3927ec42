/**
 * What must never change the factory: a request that fails verification, and Slack re-sending a
 * command or a click. Also the boot errors that tell an operator how to fix the setup.
 */
import { describe, expect, it } from 'vitest';
import { slackAdapterFactory } from '../../adapters/slack';
import { HttpServer } from '../../src/http/server';
import { silentLogger } from '../../src/log';
import { listAuditForRun } from '../../src/store/audit.store';
import { signedRequest, slashCommandBody } from '../fakes/slack';
import {
  gateCardFor, OPERATOR, ORIGIN, REVIEWER, REVIEWER_TWO, runStartedBy, SECRET, useSlackFactory, textOf, waitFor, type SlackFactory,
} from './slack-adapter-support';

let f: SlackFactory;
useSlackFactory('http', (started) => (f = started));

const runIds = async (): Promise<string[]> => (await f.app.service.listActiveRuns()).map((r) => r.id);
/** Everything the bot posted, edited or opened in Slack (the probe's own reply goes through response_url). */
const slackWrites = () => f.fake.calls.filter((c) => /^(chat\.|views\.)/.test(c.method));

describe('Slack requests that must change nothing', () => {
  it('GIVEN a bad signature, a timestamp 6 minutes old or 6 minutes ahead, or no signature THEN 401 and nothing happens', async () => {
    const body = slashCommandBody({ text: 'run demo', user_id: OPERATOR.id, channel_id: ORIGIN, trigger_id: f.fake.issueTriggerId() });
    const now = Math.floor(Date.now() / 1000);
    const runsBefore = await runIds();
    const writesBefore = slackWrites().length;
    const answers = await Promise.all([
      signedRequest(f.base, '/slack/events', body, { secret: 'not-the-secret' }),
      signedRequest(f.base, '/slack/events', body, { secret: SECRET, signature: 'v0=00' }),
      signedRequest(f.base, '/slack/events', body, { secret: SECRET, timestamp: now - 6 * 60 }),
      signedRequest(f.base, '/slack/events', body, { secret: SECRET, timestamp: now + 6 * 60 }),
      signedRequest(f.base, '/slack/events', body, { secret: SECRET, omit: ['signature'] }),
      signedRequest(f.base, '/slack/events', body, { secret: SECRET, omit: ['timestamp'] }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(await Promise.all(answers.map((r) => r.text()))).toEqual(['', '', '', '', '', '']);
    // Give a wrongly accepted request time to show up before judging that nothing did.
    const probe = await f.command('help', OPERATOR);
    expect(probe.status).toBe(200);
    await waitFor(() => f.fake.ephemeralsFor(OPERATOR.id).some((e) => textOf(e).includes('/factory run')), 'the help reply');
    expect(await runIds()).toEqual(runsBefore);
    expect(slackWrites().slice(writesBefore)).toEqual([]);
  });

  it('GIVEN /factory run re-sent by Slack (X-Slack-Retry-Num: 1) THEN one run; an unseen retry starts none and says so', async () => {
    const before = new Set(await runIds());
    const first = await f.command('run demo simulate', OPERATOR);
    const again = await f.command('', OPERATOR, { reuse: first.raw, retryNum: 1 });
    expect([first.status, again.status]).toEqual([200, 200]);
    const run = await runStartedBy(f, OPERATOR, before);
    const started = () => f.fake.ephemeralsFor(OPERATOR.id).filter((e) => e.text?.includes(`Started ${run.name} (#${run.id})`));
    await waitFor(() => started().length > 0, 'the run-started confirmation');

    // A retry of a delivery this process never saw (its first went elsewhere): no second run.
    const seen = f.fake.ephemeralsFor(OPERATOR.id).length;
    const unseen = await f.command('run demo simulate', OPERATOR, { retryNum: 1 });
    expect(unseen.status).toBe(200);
    const note = await waitFor(() => f.fake.ephemeralsFor(OPERATOR.id)[seen], 'the note about the unseen retry');
    expect(note.text).toContain('did not start another run');

    await gateCardFor(f, run.id);
    expect((await runIds()).filter((id) => !before.has(id))).toEqual([run.id]);
    expect(started()).toHaveLength(1);
  });

  it('GIVEN an Approve click re-sent by Slack and a late second reviewer THEN one decision, one confirmation, and the latecomer is told', async () => {
    const before = new Set(await runIds());
    await f.command('run demo simulate', OPERATOR);
    const run = await runStartedBy(f, OPERATOR, before);
    const { gateId, message } = await gateCardFor(f, run.id);

    const confirmations = () => f.fake.ephemeralsFor(REVIEWER.id).filter((e) => e.text?.includes(`Approved gate #${gateId}`));
    const repliesBefore = f.fake.ephemeralsFor(REVIEWER.id).length;
    const click = await f.click(`gate:${gateId}:approve`, REVIEWER, message);
    const retried = await f.click('', REVIEWER, message, { reuse: click.raw, retryNum: 1 });
    expect([click.status, retried.status]).toEqual([200, 200]);
    await waitFor(() => confirmations().length > 0, 'the confirmation');

    await f.click(`gate:${gateId}:approve`, REVIEWER_TWO, message);
    const late = await waitFor(() => f.fake.ephemeralsFor(REVIEWER_TWO.id).find((e) => e.text?.includes(`Gate #${gateId}`)), 'the latecomer’s reply');
    expect(late.text).toContain('already decided');

    const decisions = (await listAuditForRun(f.app.database.db, run.id, { limit: 500 })).filter((e) => e.action === 'gate.approved');
    expect(decisions).toHaveLength(1);
    // The re-sent click got no reply of its own (not even "already decided"): the reviewer saw one message.
    expect(f.fake.ephemeralsFor(REVIEWER.id).slice(repliesBefore).map((e) => e.text)).toEqual([confirmations()[0]?.text]);
  });
});

describe('boot errors that say how to fix them', () => {
  it('GIVEN neither an app token nor a signing secret THEN the error names both variables', () => {
    expect(() => slackAdapterFactory({ botToken: 'xoxb-1' })).toThrow(/SLACK_APP_TOKEN .*SLACK_SIGNING_SECRET/s);
    expect(() => slackAdapterFactory({ botToken: '', signingSecret: 's' })).toThrow(/SLACK_BOT_TOKEN is not set/);
    expect(() => slackAdapterFactory({ botToken: 'xapp-1', signingSecret: 's' })).toThrow(/must be a bot token starting with "xoxb-"/);
    expect(() => slackAdapterFactory({ botToken: 'xoxb-1', appToken: 'xoxb-2' })).toThrow(/SLACK_APP_TOKEN must be an app-level token/);
  });

  it('GIVEN a bot token Slack refuses THEN start() fails with a sentence naming SLACK_BOT_TOKEN', async () => {
    const factory = slackAdapterFactory({ botToken: 'xoxb-revoked', signingSecret: SECRET, apiUrl: f.fake.apiUrl, retryConfig: { retries: 0 } });
    const adapter = factory.create({ dispatch: f.app.dispatch, http: new HttpServer(silentLogger()), log: silentLogger(), now: () => new Date() });
    await expect(adapter.start()).rejects.toThrow(/Slack refused SLACK_BOT_TOKEN at auth.test \(invalid_auth\)/);
    await adapter.stop();
  });
});
