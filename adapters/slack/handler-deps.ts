import { randomBytes } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { DispatchDeps } from '../../commands/dispatch';
import type { Reply } from '../../src/domain/card';
import type { SlackActorResolver } from './actor-resolver';
import type { HomePublisher } from './home-publisher';
import type { InFlight } from './in-flight';
import type { RecentDeliveries } from './recent-deliveries';
import type { ReplySender } from './reply-sender';

/** What the inbound handlers share: the commands, Slack's client, and the adapter's helpers. */
export interface SlackHandlerDeps {
  dispatch: DispatchDeps;
  client: webApi.WebClient;
  log: Logger;
  now: () => Date;
  actors: SlackActorResolver;
  deliveries: RecentDeliveries;
  replies: ReplySender;
  home: HomePublisher;
  inflight: InFlight;
}

/**
 * The adapter's end of the one error path: commands already turn their own failures into replies
 * (commands/dispatch.ts `guard`); this catches what fails around them (a Slack call, a bug here),
 * logs it with a reference and gives the person only that reference, never the message or a stack.
 */
export function failureReply(log: Logger, error: unknown, details: Record<string, unknown>): Reply {
  const ref = randomBytes(4).toString('hex');
  log.error({ err: error, ref, ...details }, 'slack request failed');
  return { type: 'text', text: `Something went wrong (ref ${ref}). It has been logged; try again, or tell an admin the ref.`, ephemeral: true };
}
