import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Factory-Timestamp';
export const SIGNATURE_HEADER = 'X-Factory-Signature';
/** Callbacks (and jobs) older or newer than this are refused: a captured request cannot be replayed later. */
export const MAX_SKEW_SECONDS = 300;

/** `v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`, the scheme Slack and Stripe use. */
export function signature(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** The two headers that authenticate a body sent at `now`. */
export function signedHeaders(secret: string, rawBody: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature(secret, timestamp, rawBody) };
}

export type Verification = { ok: true } | { ok: false; error: string };

/**
 * Checks the signature (constant-time) and that the timestamp is within MAX_SKEW_SECONDS of
 * `now` either way. Header names are matched case-insensitively. Several `v1=` values separated
 * by commas are accepted, so a secret can be rotated without dropping callbacks.
 */
export function verifySignedRequest(
  secret: string,
  rawBody: string,
  headers: Record<string, string | undefined>,
  now: Date,
  maxSkewSeconds = MAX_SKEW_SECONDS,
): Verification {
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const given = header(headers, SIGNATURE_HEADER);
  if (!timestamp || !given) return { ok: false, error: `missing ${!timestamp ? TIMESTAMP_HEADER : SIGNATURE_HEADER} header` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, error: `${TIMESTAMP_HEADER} must be unix seconds` };

  const expected = Buffer.from(signature(secret, timestamp, rawBody).slice(3), 'hex');
  const matches = given.split(',').some((part) => {
    const m = /^v1=([0-9a-f]{64})$/i.exec(part.trim());
    return m !== null && timingSafeEqual(Buffer.from(m[1]!, 'hex'), expected);
  });
  if (!matches) return { ok: false, error: 'bad signature' };

  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skew > maxSkewSeconds) return { ok: false, error: `timestamp is ${Math.round(skew)} s from now (limit ${maxSkewSeconds} s)` };
  return { ok: true };
}

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}
