import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BufferedIncomingMessage } from '@slack/bolt';
import type { Logger } from 'pino';
import type { RawHandler } from '../../src/http/server';
import { verifySlackRequest } from './verify-request';

/** Where Slack posts slash commands, interactivity and events in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Slack's payloads are a few kilobytes; a megabyte is generous and bounds memory. */
const MAX_BODY_BYTES = 1_048_576;

export interface EventsEndpointOptions {
  signingSecret: string;
  /** bolt's HTTPReceiver.requestListener: it reuses `rawBody` instead of reading the stream again. */
  handOver: (req: IncomingMessage, res: ServerResponse) => void;
  now: () => Date;
  log: Logger;
  /** False before start() and after stop(): Slack gets 503 and retries later. */
  isOpen: () => boolean;
}

/**
 * POST /slack/events on the bot's own HTTP server. Every request is verified FIRST with our
 * two-sided check (signature, and a timestamp within 5 minutes either way: bolt alone accepts any
 * future timestamp), answered 401 with no body when it fails, and only then handed to bolt.
 */
export function slackEventsEndpoint(opts: EventsEndpointOptions): RawHandler {
  return (req, res) => {
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    if (!opts.isOpen()) return void res.writeHead(503, { 'retry-after': '5' }).end();
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', (error) => opts.log.warn({ err: error }, 'slack request stream failed'));
    req.on('end', () => {
      if (tooLarge) return void res.writeHead(413).end();
      const rawBody = Buffer.concat(chunks);
      const verdict = verifySlackRequest({ signingSecret: opts.signingSecret, body: rawBody, headers: req.headers, now: opts.now() });
      if (!verdict.ok) {
        opts.log.warn({ reason: verdict.reason, retryNum: req.headers['x-slack-retry-num'] }, 'refused a Slack request that failed verification');
        return void res.writeHead(401).end();
      }
      (req as BufferedIncomingMessage).rawBody = rawBody;
      opts.handOver(req, res);
    });
  };
}
