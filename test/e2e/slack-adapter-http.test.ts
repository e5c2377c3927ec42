/**
 * The Slack adapter in HTTP mode, end to end: the real bolt App mounted at POST /slack/events on
 * the bot's own server, the real store (PGlite), runner and outbox, against the local Slack fake.
 */
import { describe, expect, it } from 'vitest';
import { listBlockRuns } from '../../src/store/blocks.store';
import { signedRequest } from '../fakes/slack';
import {
  gateCardFor, messageWithAction, OPERATOR, ORIGIN, REVIEWER, runStartedBy, SECRET, useSlackFactory, TASKS, textOf, VIEWER, waitFor,
  type SlackFactory,
} from './slack-adapter-support';

let f: SlackFactory;
useSlackFactory('http', (started) => (f = started));

describe('Slack in HTTP mode', () => {
  it('GIVEN /factory run demo THEN a status message with its thread, a gate card, Approve edits the card, the run completes and /factory status shows it done', async () => {
    const sent = Date.now();
    const answer = await f.command('run demo', OPERATOR);
    // Acked (empty 200) before any work: well within Slack's 3 seconds even on a busy machine.
    expect(Date.now() - sent).toBeLessThan(3_000);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    const run = await runStartedBy(f, OPERATOR);

    // The status card sits in the channel; the run's thread is the replies under it.
    const status = await waitFor(() => f.fake.messages(ORIGIN).find((m) => !m.threadTs && textOf(m).includes(`run ${run.id}`) && textOf(m).includes('Started by olga')), 'the status card');
    await waitFor(() => f.fake.messages(ORIGIN).some((m) => m.threadTs === status.ts), 'a post in the run thread');

    // The gate card goes to the tasks channel only; the run's thread gets a line pointing there.
    const { gateId, message } = await gateCardFor(f, run.id);
    expect(JSON.stringify(message.blocks)).toContain(`gate:${gateId}:reject`);
    await waitFor(() => f.fake.messages(ORIGIN).find((m) => m.threadTs === status.ts && textOf(m).includes(`Gate ${gateId} is waiting for review: see #tasks`)), 'the link line in the run thread');
    expect(messageWithAction(f.fake, ORIGIN, `gate:${gateId}:approve`)).toBeUndefined();
    expect(f.fake.messages(TASKS).filter((m) => JSON.stringify(m.blocks).includes(`gate:${gateId}:approve`))).toHaveLength(1);

    const clicked = await f.click(`gate:${gateId}:approve`, REVIEWER, message);
    expect(clicked.status).toBe(200);
    await waitFor(() => message.edits.length > 0 && !JSON.stringify(message.blocks).includes(`gate:${gateId}:approve`), 'chat.update of the gate card');
    expect(textOf(message)).toContain('Approved');
    expect(textOf(message)).toContain(`Approved by <@${REVIEWER.id}>`);
    await waitFor(() => f.fake.ephemeralsFor(REVIEWER.id).find((e) => e.text?.includes(`Approved gate #${gateId}`)), 'the reviewer’s ephemeral confirmation');

    await waitFor(async () => (await f.app.service.getRun(run.id)).status === 'completed', 'the run to complete');
    await waitFor(() => textOf(status).includes(': completed'), 'the status card to say completed');
    const posted = f.fake.messages(ORIGIN).length;
    await f.command(`status ${run.id} public`, OPERATOR);
    const reply = await waitFor(() => f.fake.messages(ORIGIN).slice(posted).find((m) => textOf(m).includes(`run ${run.id}`)), 'the public status reply');
    expect(textOf(reply)).toContain(': completed');
    // Without `public` only the asker sees it; times are Slack date markup with readable fallbacks.
    const quiet = f.fake.ephemeralsFor(OPERATOR.id).length;
    const inChannel = f.fake.messages(ORIGIN).length;
    await f.command(`status ${run.id}`, OPERATOR);
    const mine = await waitFor(() => f.fake.ephemeralsFor(OPERATOR.id)[quiet], 'the ephemeral status');
    expect(textOf(mine)).toContain(': completed');
    expect(JSON.stringify(mine.blocks)).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|\d\d:\d\d UTC>/);
    expect(f.fake.messages(ORIGIN).length).toBe(inChannel);
    expect(f.logged.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('GIVEN Reject THEN the modal opens with the click’s trigger; an empty reason is a field error; a real reason re-runs the block with it', async () => {
    const before = new Set((await f.app.service.listActiveRuns()).map((r) => r.id));
    await f.command('run demo simulate', OPERATOR);
    const run = await runStartedBy(f, OPERATOR, before);
    const { gateId, message } = await gateCardFor(f, run.id);

    const opened = f.fake.nextCall('views.open');
    await f.click(`gate:${gateId}:reject`, REVIEWER, message);
    const call = await opened;
    expect(call.response).toMatchObject({ ok: true, view: { callback_id: `gate:${gateId}:reject` } });
    const view = (call.response as { view: { private_metadata: string; blocks: unknown[] } }).view;
    expect(JSON.parse(view.private_metadata)).toMatchObject({ c: TASKS, m: message.ts });

    const empty = await f.submit(`gate:${gateId}:reject`, REVIEWER, { reason: '  ' }, view.private_metadata);
    expect(empty.status).toBe(200);
    expect(JSON.parse(empty.body ?? '')).toEqual({ response_action: 'errors', errors: { reason: expect.stringContaining('a few words') } });
    expect((await f.app.service.getGate(gateId)).status).toBe('pending');

    const reason = 'The second stanza must rhyme';
    const filled = await f.submit(`gate:${gateId}:reject`, REVIEWER, { reason }, view.private_metadata);
    expect(filled.status).toBe(200);
    expect(filled.body).toBe('');
    await waitFor(async () => (await f.app.service.getGate(gateId)).status === 'rejected', 'the rejection');
    const draft = await waitFor(async () => (await listBlockRuns(f.app.database.db, run.id)).find((b) => b.blockId === 'draft' && b.feedback === reason), 'the draft to get the reason as feedback');
    expect(draft.feedback).toBe(reason);
    const next = await waitFor(async () => (await f.app.service.getRun(run.id)).pendingGates.find((g) => g.id !== gateId), 'the reworked draft’s new gate');
    expect(next.blockId).toBe('draft');
    await waitFor(() => f.fake.ephemeralsFor(REVIEWER.id).find((e) => e.channel === TASKS && e.text?.includes(`Rejected gate #${gateId}`)), 'the ephemeral outcome in the channel');
    await waitFor(() => textOf(message).includes('Rejected'), 'the gate card to show the rejection');
  });

  it('GIVEN bad arguments or a missing role THEN an ephemeral sentence with the usage, never a stack trace', async () => {
    const cases: Array<[string, typeof OPERATOR, string]> = [
      ['run', OPERATOR, 'Usage: `/factory run <template>'],
      ['frobnicate now', OPERATOR, 'Unknown subcommand "frobnicate"'],
      ['status twelve', OPERATOR, 'Usage: `/factory status [run] [public]`'],
      ['reject 1', REVIEWER, 'Usage: `/factory reject <gate> <reason>`'],
      ['run demo', VIEWER, 'Starting a run needs the operator role'],
    ];
    for (const [text, who, expected] of cases) {
      const seen = f.fake.ephemeralsFor(who.id).length;
      const answer = await f.command(text, who);
      expect(answer.status).toBe(200);
      const reply = await waitFor(() => f.fake.ephemeralsFor(who.id)[seen], `the reply to "${text}"`);
      // What a person sees: Slack shows mrkdwn's &lt; &gt; &amp; as < > &.
      const shown = (reply.text ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      expect(shown, text).toContain(expected);
      expect(shown).not.toMatch(/\n\s+at |Error:|ZodError/);
    }
  });

  it('GIVEN the Home tab is opened THEN it shows my gates with buttons, my runs and the blockers; deciding from Home refreshes it', async () => {
    const before = new Set((await f.app.service.listActiveRuns()).map((r) => r.id));
    await f.command('run demo simulate', OPERATOR);
    const run = await runStartedBy(f, OPERATOR, before);
    const { gateId } = await gateCardFor(f, run.id);

    const published = f.fake.nextCall('views.publish', (c) => c.args.user_id === REVIEWER.id);
    const event = { type: 'app_home_opened', user: REVIEWER.id, channel: 'D0REVIEWER', tab: 'home', event_ts: '1700000000.000100' };
    const body = JSON.stringify({ token: 'x', team_id: 'T0FAKE0001', api_app_id: 'A0FAKEAPP1', type: 'event_callback', event_id: 'Ev0HOME1', event_time: 1700000000, event });
    expect((await signedRequest(f.base, '/slack/events', body, { secret: SECRET, contentType: 'application/json' })).status).toBe(200);
    await published;
    const home = f.fake.homeView(REVIEWER.id);
    const homeText = textOf({ blocks: home?.view.blocks as unknown[] });
    expect(homeText).toContain('Waiting on you');
    expect(JSON.stringify(home?.view.blocks)).toContain(`gate:${gateId}:approve`);
    expect(homeText).toContain('Blockers');

    const republished = f.fake.nextCall('views.publish', (c) => c.args.user_id === REVIEWER.id && !JSON.stringify(c.args.view).includes(`gate:${gateId}:approve`));
    await f.click(`gate:${gateId}:approve`, REVIEWER, undefined, { fromHome: true });
    await republished;
    expect((await f.app.service.getGate(gateId)).status).toBe('approved');
    // No channel and no response_url from Home: the outcome comes as a DM.
    await waitFor(() => f.fake.messages(`D${REVIEWER.id.slice(1)}`).find((m) => m.text?.includes(`Approved gate #${gateId}`)), 'the DM with the outcome');
  });

  it('GIVEN two people with one display name THEN "your active runs" on Home lists only the runs each started (matched by Slack id, not name)', async () => {
    const namesake = { id: 'U0OLGATWIN', name: OPERATOR.name };
    f.fake.addUser(namesake);
    const before = new Set((await f.app.service.listActiveRuns()).map((r) => r.id));
    await f.command('run demo simulate', OPERATOR);
    const run = await runStartedBy(f, OPERATOR, before);
    const homeOf = async (userId: string, eventId: string): Promise<string> => {
      const published = f.fake.nextCall('views.publish', (c) => c.args.user_id === userId);
      const event = { type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home', event_ts: '1700000000.000200' };
      const body = JSON.stringify({ token: 'x', team_id: 'T0FAKE0001', api_app_id: 'A0FAKEAPP1', type: 'event_callback', event_id: eventId, event_time: 1700000000, event });
      expect((await signedRequest(f.base, '/slack/events', body, { secret: SECRET, contentType: 'application/json' })).status).toBe(200);
      await published;
      const text = textOf({ blocks: f.fake.homeView(userId)?.view.blocks as unknown[] });
      // The runs section only (the team's blockers below it name every stuck run).
      return text.slice(text.indexOf('Waiting on you'), text.indexOf('Blockers ('));
    };
    const mine = await homeOf(OPERATOR.id, 'Ev0HOMEOLGA');
    expect(mine).toContain('Your active runs');
    expect(mine).toContain(run.name);
    const theirs = await homeOf(namesake.id, 'Ev0HOMETWIN');
    expect(theirs).toContain('You have no active runs');
    expect(theirs).not.toContain(run.name);
  });
});
