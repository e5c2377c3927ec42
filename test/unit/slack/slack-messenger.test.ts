import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackMessenger } from '../../../adapters/slack/slack-messenger';
import type { Card } from '../../../src/domain/card';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack';
import { quietLogger } from '../../fakes/slack/quiet-logger';

const CHANNEL = 'C0CHANNEL1';
const card = (title: string, actions: Card['actions'] = []): Card => ({ kind: 'notice', title, summary: `${title} summary`, tone: 'info', description: 'Some **bold** text', actions });

let fake: FakeSlack;
let messenger: SlackMessenger;
beforeAll(async () => {
  fake = await startFakeSlack();
  const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger() });
  messenger = new SlackMessenger(client, 'https://factory.example.com', () => new Date());
});
afterAll(() => fake.close());

describe('SlackMessenger (the outbound ChatAdapter port)', () => {
  it('GIVEN a post, a thread and an update THEN chat.postMessage with thread_ts = the status message ts, then chat.update edits it', async () => {
    const status = await messenger.post({ channelId: CHANNEL }, card('Status', [{ id: 'run:1:status', label: 'Refresh', style: 'secondary' }]));
    expect(status).toEqual({ platform: 'slack', channelId: CHANNEL, messageId: expect.stringMatching(/^\d+\.\d{6}$/), threadId: null });
    const thread = messenger.openThread(status);
    expect(thread).toBe(status.messageId);
    const reply = await messenger.post({ channelId: CHANNEL, threadId: thread }, card('Block done'));
    expect(reply.threadId).toBe(status.messageId);
    expect(fake.messages(CHANNEL).find((m) => m.ts === reply.messageId)?.threadTs).toBe(status.messageId);
    // A message already in a thread opens no new one: its thread is the run's thread.
    expect(messenger.openThread(reply)).toBe(status.messageId);

    await messenger.update(status, card('Status: completed'));
    const edited = fake.messages(CHANNEL).find((m) => m.ts === status.messageId);
    expect(edited?.edits).toHaveLength(1);
    expect(edited?.text).toBe('Status: completed summary');
    expect(JSON.stringify(edited?.blocks)).not.toContain('run:1:status');
  });

  it('GIVEN a DM THEN conversations.open once per person, then chat.postMessage to that channel', async () => {
    const first = await messenger.dm('U0PERSON01', card('Reminder'));
    await messenger.dm('U0PERSON01', card('Reminder again'));
    expect(first.channelId).toBe('D0PERSON01');
    expect(fake.callsTo('conversations.open')).toHaveLength(1);
    expect(fake.messages('D0PERSON01')).toHaveLength(2);
  });

  it('GIVEN Slack refuses for good or for now THEN the outbox gets a ChatDeliveryError that says which', async () => {
    await expect(messenger.post({ channelId: 'not-a-channel' }, card('x'))).rejects.toMatchObject({ name: 'ChatDeliveryError', retryable: false, message: expect.stringContaining('channel_not_found') });
    await expect(messenger.update({ platform: 'slack', channelId: CHANNEL, messageId: '1.000001' }, card('x'))).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('message_not_found') });
    fake.failNext('chat.postMessage', { status: 503 });
    await expect(messenger.post({ channelId: CHANNEL }, card('x'))).rejects.toMatchObject({ retryable: true });
    fake.failNext('chat.postMessage', { error: 'ratelimited', retryAfterSec: 0 });
    // With no web-api retries left a rate limit comes back as passing trouble, for the outbox's backoff.
    await expect(messenger.post({ channelId: CHANNEL }, card('x'))).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('rate limit') });
  });
});
