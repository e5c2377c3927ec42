import { describe, expect, it } from 'vitest';
import { signature, signedHeaders, verifySignedRequest } from '../../../src/executors/webhook-signature';
import { createHmac } from 'node:crypto';

const secret = 'shh-its-a-secret';
const now = new Date('2026-03-01T12:00:00Z');
const body = '{"job_key":"r:b:1"}';

describe('webhook signatures', () => {
  it('GIVEN a body THEN the signature is v1=HMAC-SHA256(secret, timestamp.body) in hex', () => {
    const expected = createHmac('sha256', secret).update(`1772366400.${body}`).digest('hex');
    expect(signedHeaders(secret, body, now)).toEqual({ 'X-Factory-Timestamp': '1772366400', 'X-Factory-Signature': `v1=${expected}` });
  });

  it('GIVEN its own headers (any letter case) THEN verification passes', () => {
    const lower = Object.fromEntries(Object.entries(signedHeaders(secret, body, now)).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifySignedRequest(secret, body, lower, now)).toEqual({ ok: true });
  });

  it('GIVEN a changed body, another secret or a missing header THEN verification fails', () => {
    const h = signedHeaders(secret, body, now);
    expect(verifySignedRequest(secret, `${body} `, h, now)).toEqual({ ok: false, error: 'bad signature' });
    expect(verifySignedRequest('other', body, h, now)).toEqual({ ok: false, error: 'bad signature' });
    expect(verifySignedRequest(secret, body, { 'X-Factory-Timestamp': h['X-Factory-Timestamp'] }, now)).toMatchObject({ ok: false, error: 'missing X-Factory-Signature header' });
    expect(verifySignedRequest(secret, body, { ...h, 'X-Factory-Signature': 'v1=abc' }, now)).toMatchObject({ ok: false });
  });

  it('GIVEN a rotated secret list THEN any matching v1 value passes', () => {
    const h = signedHeaders(secret, body, now);
    const both = `${signature('old-secret', h['X-Factory-Timestamp']!, body)}, ${h['X-Factory-Signature']}`;
    expect(verifySignedRequest(secret, body, { ...h, 'X-Factory-Signature': both }, now)).toEqual({ ok: true });
  });

  it('GIVEN a timestamp 5 minutes off THEN it passes; 5 minutes and 1 second off either way THEN it fails', () => {
    const at = (s: number) => new Date(now.getTime() + s * 1000);
    expect(verifySignedRequest(secret, body, signedHeaders(secret, body, at(-300)), now).ok).toBe(true);
    expect(verifySignedRequest(secret, body, signedHeaders(secret, body, at(300)), now).ok).toBe(true);
    expect(verifySignedRequest(secret, body, signedHeaders(secret, body, at(-301)), now)).toMatchObject({ ok: false, error: expect.stringContaining('301 s from now') });
    expect(verifySignedRequest(secret, body, signedHeaders(secret, body, at(301)), now)).toMatchObject({ ok: false });
  });
});
