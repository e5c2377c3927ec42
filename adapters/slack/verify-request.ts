import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from our clock, either way (Slack's replay window). */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** Headers as node's `IncomingMessage.headers` holds them; keys are matched case-insensitively. */
export type SlackRequestHeaders = Record<string, string | string[] | undefined>;

export interface VerifySlackRequestInput {
  signingSecret: string;
  /** The raw body exactly as received: the signature covers these bytes, not a re-serialisation. */
  body: string | Uint8Array;
  headers: SlackRequestHeaders;
  now: Date;
}

/** Stable reasons, for logs and tests; never shown to a person. */
export type SlackVerifyFailure =
  | 'missing_signing_secret'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'missing_signature'
  | 'unknown_signature_version'
  | 'signature_mismatch';

export type SlackVerifyResult = { ok: true } | { ok: false; reason: SlackVerifyFailure };

/**
 * Checks Slack's v0 request signature: `v0=` + hex HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`),
 * compared in constant time, and a timestamp within five minutes of `now` in EITHER direction.
 * bolt's own check only rejects old timestamps and accepts any future one (reference pack §B5), so
 * a captured request replayed with a forged future clock skew would pass there; it does not here.
 * Pure: the clock is a parameter and nothing is read or written.
 */
export function verifySlackRequest(input: VerifySlackRequestInput): SlackVerifyResult {
  if (!input.signingSecret) return fail('missing_signing_secret');
  const rawTimestamp = header(input.headers, 'x-slack-request-timestamp');
  if (rawTimestamp === undefined) return fail('missing_timestamp');
  if (!/^\d{1,12}$/.test(rawTimestamp)) return fail('malformed_timestamp');
  const timestamp = Number(rawTimestamp);
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  if (nowSeconds - timestamp > SLACK_TIMESTAMP_TOLERANCE_SECONDS) return fail('stale_timestamp');
  if (timestamp - nowSeconds > SLACK_TIMESTAMP_TOLERANCE_SECONDS) return fail('future_timestamp');

  const signature = header(input.headers, 'x-slack-signature');
  if (signature === undefined) return fail('missing_signature');
  if (!signature.startsWith('v0=')) return fail('unknown_signature_version');

  const hmac = createHmac('sha256', input.signingSecret);
  // The raw timestamp string, not the parsed number, is what Slack signed.
  hmac.update(`v0:${rawTimestamp}:`);
  hmac.update(input.body);
  const expected = Buffer.from(`v0=${hmac.digest('hex')}`, 'utf8');
  const received = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on unequal lengths; the expected length is public, so checking it first leaks nothing.
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return fail('signature_mismatch');
  return { ok: true };
}

function fail(reason: SlackVerifyFailure): SlackVerifyResult {
  return { ok: false, reason };
}

function header(headers: SlackRequestHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    // A repeated header is ambiguous: treat it as absent rather than pick one.
    return typeof value === 'string' && value !== '' ? value : undefined;
  }
  return undefined;
}
