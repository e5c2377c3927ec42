/**
 * The fake's Web API driven by the real @slack/web-api client (the one bolt uses), over 127.0.0.1.
 */
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderCard } from '../../../adapters/slack/render-card';
import { renderModal } from '../../../adapters/slack/render-modal';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack';

const { WebClient, WebAPIRateLimitedError, ErrorCode, LogLevel } = webApi;
let fake: FakeSlack;
let clock: number;
let client: InstanceType<typeof WebClient>;
const quick = { retries: 3, minTimeout: 0, maxTimeout: 0 };
const modal = renderModal({ id: 'gate:1:reject', title: 'Reject', fields: [{ id: 'reason', label: 'Why?', required: true, multiline: true, maxLength: 500 }] }, 'gate:1');

beforeEach(async () => {
  clock = 1_700_000_000_000;
  fake = await startFakeSlack({ now: () => clock, users: [{ id: 'U0ANA', name: 'ana' }], usergroups: { S0REVIEW: ['U0ANA', 'U0BOB'] } });
  client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: quick, logLevel: LogLevel.ERROR });
});
afterEach(async () => {
  await fake.close();
});

describe('fake Web API: auth', () => {
  it('GIVEN no, a wrong, or the wrong kind of token THEN not_authed, invalid_auth, not_allowed_token_type', async () => {
    const platformError = (p: Promise<unknown>) => p.then(() => 'ok', (e: { data?: { error?: string } }) => e.data?.error);
    expect(await platformError(new WebClient(undefined, { slackApiUrl: fake.apiUrl }).chat.postMessage({ channel: 'C1', text: 'x' }))).toBe('not_authed');
    expect(await platformError(new WebClient('xoxb-wrong', { slackApiUrl: fake.apiUrl }).auth.test())).toBe('invalid_auth');
    expect(await platformError(new WebClient(fake.appToken, { slackApiUrl: fake.apiUrl }).chat.postMessage({ channel: 'C1', text: 'x' }))).toBe('not_allowed_token_type');
    expect(await platformError(client.apps.connections.open({}))).toBe('not_allowed_token_type');
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: 'U0FAKEBOT1', bot_id: 'B0FAKEBOT1' });
  });
});

describe('fake Web API: messages', () => {
  it('GIVEN a rendered card, a thread reply and an ephemeral THEN the channel, thread and user hold them, with blocks decoded in the call log', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0RUNS', ...renderCard({ kind: 'notice', title: 'Run 7', summary: 'Run 7 started', tone: 'info' }) });
    await client.chat.postMessage({ channel: 'C0RUNS', text: 'step 1 done', thread_ts: parent.ts });
    await client.chat.postEphemeral({ channel: 'C0RUNS', user: 'U0ANA', text: 'only you' });
    expect(fake.messages('C0RUNS').map((m) => [m.text, m.threadTs])).toEqual([['Run 7 started', undefined], ['step 1 done', parent.ts]]);
    expect(fake.ephemeralsFor('U0ANA').map((e) => e.text)).toEqual(['only you']);
    expect(fake.callsTo('chat.postMessage')[0]?.args.blocks).toEqual(fake.messages('C0RUNS')[0]?.blocks);
  });

  it('GIVEN a JSON body instead of a form THEN it is served the same way', async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST', headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0RUNS', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C0RUNS' });
  });

  it('GIVEN a message too big or badly formed THEN msg_blocks_too_long, invalid_blocks, no_text, message_not_found, channel_not_found', async () => {
    const error = (p: Promise<unknown>) => p.then(() => 'ok', (e: { data?: { error?: string } }) => e.data?.error);
    const long = Array.from({ length: 5 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(3000) } }));
    expect(await error(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: long }))).toBe('msg_blocks_too_long');
    expect(await error(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }))).toBe('invalid_blocks');
    expect(await error(client.chat.postMessage({ channel: 'C1' } as never))).toBe('no_text');
    expect(await error(client.chat.update({ channel: 'C1', ts: '1.2', text: 'x' }))).toBe('message_not_found');
    expect(await error(client.chat.postMessage({ channel: '#general', text: 'x' }))).toBe('channel_not_found');
    expect(fake.messages('C1')).toEqual([]);
  });
});

describe('fake Web API: views and directory', () => {
  it('GIVEN a trigger used twice or after 3 s THEN exchanged_trigger_id / expired_trigger_id', async () => {
    const error = (p: Promise<unknown>) => p.then(() => 'ok', (e: { data?: { error?: string } }) => e.data?.error);
    const trigger = fake.issueTriggerId();
    expect(await error(client.views.open({ trigger_id: trigger, view: modal }))).toBe('ok');
    expect(await error(client.views.open({ trigger_id: trigger, view: modal }))).toBe('exchanged_trigger_id');
    const late = fake.issueTriggerId();
    clock += 3001;
    expect(await error(client.views.open({ trigger_id: late, view: modal }))).toBe('expired_trigger_id');
    expect(await error(client.views.open({ trigger_id: fake.issueTriggerId(), view: { ...modal, title: { type: 'plain_text', text: 'x'.repeat(25) } } }))).toBe('invalid_arguments');
  });

  it('GIVEN views.update and views.publish THEN stored, and a stale hash is a hash_conflict', async () => {
    const opened = await client.views.open({ trigger_id: fake.issueTriggerId(), view: modal });
    const id = opened.view?.id ?? '';
    const updated = await client.views.update({ view_id: id, hash: opened.view?.hash, view: { ...modal, title: { type: 'plain_text', text: 'Thanks' } } });
    expect(updated.view?.title?.text).toBe('Thanks');
    await expect(client.views.update({ view_id: id, hash: opened.view?.hash, view: modal })).rejects.toMatchObject({ data: { error: 'hash_conflict' } });
    await client.views.publish({ user_id: 'U0ANA', view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your gates' } }] } });
    expect(fake.homeView('U0ANA')?.view.blocks).toHaveLength(1);
  });

  it('GIVEN directory calls THEN DM ids, group members and users, or Slack errors', async () => {
    expect((await client.conversations.open({ users: 'U0ANA' })).channel?.id).toBe('D0ANA');
    expect((await client.usergroups.users.list({ usergroup: 'S0REVIEW' })).users).toEqual(['U0ANA', 'U0BOB']);
    expect((await client.users.info({ user: 'U0ANA' })).user?.name).toBe('ana');
    await expect(client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    await expect(client.usergroups.users.list({ usergroup: 'S0NONE' })).rejects.toMatchObject({ data: { error: 'no_such_subteam' } });
  });
});

describe('fake Web API: failure injection', () => {
  it('GIVEN two 503s THEN web-api retries and the third attempt posts once', async () => {
    fake.failNext('chat.postMessage', { status: 503, times: 2 });
    await client.chat.postMessage({ channel: 'C1', text: 'eventually' });
    expect(fake.callsTo('chat.postMessage').map((c) => [c.status, c.injected])).toEqual([[503, true], [503, true], [200, false]]);
    expect(fake.messages('C1')).toHaveLength(1);
  });

  it('GIVEN ratelimited with Retry-After THEN web-api waits the header and retries, or rejects when told to', async () => {
    fake.failNext('chat.update', { error: 'ratelimited', retryAfterSec: 0 });
    await client.chat.postMessage({ channel: 'C1', text: 'a' });
    await client.chat.update({ channel: 'C1', ts: fake.messages('C1')[0]?.ts ?? '', text: 'b' });
    expect(fake.callsTo('chat.update').map((c) => c.status)).toEqual([429, 200]);

    fake.failNext('chat.postMessage', { error: 'ratelimited', retryAfterSec: 7 });
    const strict = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
    const error: unknown = await strict.chat.postMessage({ channel: 'C1', text: 'c' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
  });

  it('GIVEN an injected platform error THEN the client sees it and nothing is stored', async () => {
    fake.failNext('views.open', { error: 'not_in_channel' });
    await expect(client.views.open({ trigger_id: fake.issueTriggerId(), view: modal })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    expect(fake.openedViews()).toEqual([]);
  });
});

describe('fake response_url', () => {
  const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('GIVEN replace_original, in_channel and a plain reply THEN the card is edited, a message posted, an ephemeral sent', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: 'card' });
    const url = fake.issueResponseUrl({ channel: 'C1', messageTs: ts, user: 'U0ANA' });
    expect((await post(url, { replace_original: true, text: 'decided' })).status).toBe(200);
    await post(url, { response_type: 'in_channel', text: 'for everyone' });
    await post(url, { text: 'just you' });
    expect(fake.messages('C1').map((m) => m.text)).toEqual(['decided', 'for everyone']);
    expect(fake.messages('C1')[0]?.edits.map((e) => e.text)).toEqual(['card']);
    expect(fake.ephemeralsFor('U0ANA').map((e) => e.text)).toEqual(['just you']);
    expect(fake.responses()).toHaveLength(3);
  });

  it('GIVEN a sixth use or a URL older than 30 minutes THEN used_url / expired_url', async () => {
    const url = fake.issueResponseUrl({ channel: 'C1', user: 'U0ANA' });
    for (let i = 0; i < 5; i += 1) expect((await post(url, { text: `${i}` })).status).toBe(200);
    expect(await (await post(url, { text: 'six' })).json()).toEqual({ ok: false, error: 'used_url' });
    const old = fake.issueResponseUrl({ channel: 'C1' });
    clock += 30 * 60 * 1000 + 1;
    expect(await (await post(old, { text: 'late' })).json()).toEqual({ ok: false, error: 'expired_url' });
  });
});
