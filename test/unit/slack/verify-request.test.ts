import { readFileSync } from 'node:fs';
import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { verifySlackRequest } from '../../../adapters/slack/verify-request';

const PAYLOADS = new URL('../../fakes/slack/samples', import.meta.url).pathname;
const vectors = JSON.parse(readFileSync(`${PAYLOADS}/slack-signing-vectors.json`, 'utf8')) as {
  slack_docs_vector: { signing_secret: string; x_slack_request_timestamp: string; body_file: string; body: string; x_slack_signature: string };
};
const docs = vectors.slack_docs_vector;
// The byte-exact body file, not the JSON copy: the signature covers the raw bytes.
const body = readFileSync(`${PAYLOADS}/${docs.body_file}`, 'utf8');
const signedAt = Number(docs.x_slack_request_timestamp);
const at = (offsetSeconds: number): Date => new Date((signedAt + offsetSeconds) * 1000);
const headers = { 'x-slack-request-timestamp': docs.x_slack_request_timestamp, 'x-slack-signature': docs.x_slack_signature };
const verify = (over: Partial<Parameters<typeof verifySlackRequest>[0]> = {}) =>
  verifySlackRequest({ signingSecret: docs.signing_secret, body, headers, now: at(0), ...over });

describe('verifySlackRequest with Slack docs signing example', () => {
  it('GIVEN the docs vector THEN the body file matches the vector and the request is valid', () => {
    expect(body).toBe(docs.body);
    expect(verify()).toEqual({ ok: true });
  });

  it('GIVEN the raw body as bytes and headers in any case THEN it is still valid', () => {
    const mixedCase = { 'X-Slack-Request-Timestamp': docs.x_slack_request_timestamp, 'X-Slack-Signature': docs.x_slack_signature };
    expect(verify({ body: Buffer.from(body, 'utf8'), headers: mixedCase })).toEqual({ ok: true });
  });

  it('GIVEN a wrong secret, a changed signature or a tampered body THEN signature_mismatch', () => {
    const flipped = docs.x_slack_signature.slice(0, -1) + (docs.x_slack_signature.endsWith('3') ? '4' : '3');
    expect(verify({ signingSecret: 'another-secret' })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ headers: { ...headers, 'x-slack-signature': flipped } })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ headers: { ...headers, 'x-slack-signature': 'v0=abc' } })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ body: body.replace('text=', 'text=approve') })).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('GIVEN a request 6 minutes old THEN stale_timestamp; at exactly 5 minutes it still passes', () => {
    expect(verify({ now: at(6 * 60) })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verify({ now: at(5 * 60) })).toEqual({ ok: true });
    expect(verify({ now: at(5 * 60 + 1) })).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('GIVEN a timestamp 6 minutes in the future THEN future_timestamp, which bolt would have accepted', () => {
    expect(verify({ now: at(-6 * 60) })).toEqual({ ok: false, reason: 'future_timestamp' });
    expect(verify({ now: at(-5 * 60) })).toEqual({ ok: true });
    const boltSays = isValidSlackRequest({
      signingSecret: docs.signing_secret, body,
      headers: { 'x-slack-request-timestamp': signedAt, 'x-slack-signature': docs.x_slack_signature },
      nowMilliseconds: at(-6 * 60).getTime(),
    });
    expect(boltSays).toBe(true);
  });

  it('GIVEN missing or malformed headers THEN a reason naming the header', () => {
    expect(verify({ headers: { 'x-slack-signature': docs.x_slack_signature } })).toEqual({ ok: false, reason: 'missing_timestamp' });
    expect(verify({ headers: { 'x-slack-request-timestamp': docs.x_slack_request_timestamp } })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verify({ headers: {} })).toEqual({ ok: false, reason: 'missing_timestamp' });
    expect(verify({ headers: { ...headers, 'x-slack-request-timestamp': '15314206l8' } })).toEqual({ ok: false, reason: 'malformed_timestamp' });
    expect(verify({ headers: { ...headers, 'x-slack-request-timestamp': [docs.x_slack_request_timestamp, '1'] } })).toEqual({ ok: false, reason: 'missing_timestamp' });
    expect(verify({ headers: { ...headers, 'x-slack-signature': docs.x_slack_signature.replace('v0=', 'v1=') } })).toEqual({ ok: false, reason: 'unknown_signature_version' });
    expect(verify({ signingSecret: '' })).toEqual({ ok: false, reason: 'missing_signing_secret' });
  });
});
