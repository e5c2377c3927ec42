import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifySlackRequest } from '../../../adapters/slack/verify-request';
import { blockActionsBody, slackSignature, slashCommandBody, viewSubmissionBody } from '../../fakes/slack';

const PAYLOADS = new URL('../../fakes/slack/samples', import.meta.url).pathname;
const docs = (JSON.parse(readFileSync(`${PAYLOADS}/slack-signing-vectors.json`, 'utf8')) as {
  slack_docs_vector: { signing_secret: string; x_slack_request_timestamp: string; body_file: string; x_slack_signature: string };
}).slack_docs_vector;
const docsBody = readFileSync(`${PAYLOADS}/${docs.body_file}`, 'utf8');
const parsedDocs = JSON.parse(readFileSync(`${PAYLOADS}/slack-slash-command.docs-signing-example.parsed.json`, 'utf8')) as Record<string, string>;

describe('the fake signer and payload builders', () => {
  it('GIVEN the docs vector THEN slackSignature reproduces Slack signature', () => {
    expect(slackSignature(docs.signing_secret, docs.x_slack_request_timestamp, docsBody)).toBe(docs.x_slack_signature);
  });

  it('GIVEN the docs example fields THEN slashCommandBody rebuilds the signed body byte for byte', () => {
    expect(slashCommandBody(parsedDocs)).toBe(docsBody);
  });

  it('GIVEN a /factory command with spaces and symbols THEN the form body decodes back to the same fields', () => {
    const body = slashCommandBody({ text: 'run nightly-build a&b=c', channel_id: 'C1' });
    const fields = Object.fromEntries(new URLSearchParams(body));
    expect(fields).toMatchObject({ command: '/factory', text: 'run nightly-build a&b=c', channel_id: 'C1' });
  });

  it('GIVEN interactivity builders THEN the body is payload=<urlencoded JSON> shaped like the bolt-python fixtures', () => {
    const fixture = JSON.parse(readFileSync(`${PAYLOADS}/slack-block-actions.bolt-python-fixture.json`, 'utf8')) as Record<string, unknown>;
    const click = blockActionsBody({ action_id: 'gate:1:approve', value: 'x', message: { ts: '1.2' } });
    expect(click.startsWith('payload=')).toBe(true);
    const payload = JSON.parse(new URLSearchParams(click).get('payload') ?? '') as Record<string, unknown>;
    // Every field of the real fixture is there (plus the deprecated `token` the docs example carries).
    expect(Object.keys(payload)).toEqual(expect.arrayContaining(Object.keys(fixture)));
    expect(payload).toMatchObject({ type: 'block_actions', actions: [{ action_id: 'gate:1:approve', value: 'x', type: 'button' }], container: { message_ts: '1.2' } });

    const submitted = JSON.parse(new URLSearchParams(viewSubmissionBody({ callback_id: 'gate:1:reject', values: { reason: 'no' } })).get('payload') ?? '') as {
      view: { callback_id: string; state: { values: unknown } };
    };
    expect(submitted.view.callback_id).toBe('gate:1:reject');
    expect(submitted.view.state.values).toEqual({ reason: { reason: { type: 'plain_text_input', value: 'no' } } });
  });

  it('GIVEN a body signed by the fake signer THEN our verifier accepts it, and rejects it under another secret', () => {
    const body = blockActionsBody({ action_id: 'gate:1:approve' });
    const headers = { 'x-slack-request-timestamp': '1700000000', 'x-slack-signature': slackSignature('s3cret', 1700000000, body) };
    const now = new Date(1_700_000_000_000);
    expect(verifySlackRequest({ signingSecret: 's3cret', body, headers, now })).toEqual({ ok: true });
    expect(verifySlackRequest({ signingSecret: 'other', body, headers, now })).toEqual({ ok: false, reason: 'signature_mismatch' });
  });
});
