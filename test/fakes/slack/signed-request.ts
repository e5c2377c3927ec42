import { createHmac } from 'node:crypto';

/**
 * Slack's v0 request signature: `v0=` + hex HMAC-SHA256(signing secret, `v0:<timestamp>:<body>`)
 * (docs.slack.dev/authentication/verifying-requests-from-slack). Written here independently of
 * adapters/slack/verify-request.ts so each checks the other against the published vectors.
 */
export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequestOptions {
  secret: string;
  /** Seconds since the epoch; default now. Set it to test stale or future requests. */
  timestamp?: number;
  /** Overrides the computed signature (to send a bad one). */
  signature?: string;
  /** Sets X-Slack-Retry-Num (and X-Slack-Retry-Reason), as Slack does when it redelivers an event. */
  retryNum?: number;
  retryReason?: string;
  /** Default `application/x-www-form-urlencoded`, exactly: bolt compares the header verbatim. */
  contentType?: string;
  /** Leave these headers out, to test a request that lacks them. */
  omit?: Array<'timestamp' | 'signature'>;
}

/**
 * POSTs `body` to the bot's HTTP endpoint (`baseUrl` + `path`, e.g. `/slack/events`) signed as
 * Slack signs it. The body goes out byte for byte as given, since the signature covers the raw bytes.
 */
export function signedRequest(baseUrl: string, path: string, body: string, opts: SignedRequestOptions): Promise<Response> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded' };
  if (!opts.omit?.includes('timestamp')) headers['x-slack-request-timestamp'] = String(timestamp);
  if (!opts.omit?.includes('signature')) headers['x-slack-signature'] = opts.signature ?? slackSignature(opts.secret, timestamp, body);
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
  }
  return fetch(new URL(path, baseUrl), { method: 'POST', headers, body });
}
