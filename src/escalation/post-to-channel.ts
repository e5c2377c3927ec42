import type { Card } from '../domain/card';
import type { RunRecord } from '../domain/records';
import type { Platform } from '../domain/statuses';
import type { Queryable } from '../store/db-schema';
import type { Destination, EscalationDeps } from './escalation-deps';
import { mentionsOn } from './principal-mentions';

/** One ladder message before it is addressed: mentions are added per platform. */
export interface StepMessage {
  /** Dedupe-key prefix; the notifier appends platform and channel. */
  key: string;
  subject: string;
  card: Card;
  /** The step's own mentions ("@here", ids), for every platform. */
  stepMentions: readonly string[];
  /** Principals to mention where they live ("discord:role:1", "slack:user:U1"). */
  principals: readonly string[];
}

/** The card as it goes to one platform: only mentions that platform can notify. */
export function addressCard(message: StepMessage, platform: Platform): Card {
  const { mentions: _none, ...card } = message.card;
  const mentions = mentionsOn(platform, message.stepMentions, message.principals);
  return mentions.length > 0 ? { ...card, mentions } : card;
}

/**
 * Posts a ladder message to a named channel on every platform that maps it. When config maps
 * that name nowhere, the message goes to the run's thread instead, where whoever started the run
 * looks: a reminder must reach someone. Returns where it went (empty only when the run has
 * neither, e.g. a scheduled run on a bot without channels).
 */
export async function postToNamedChannel(deps: Pick<EscalationDeps, 'ctx'>, db: Queryable, run: RunRecord, channel: string, message: StepMessage, now: Date): Promise<Destination[]> {
  const { notifier } = deps.ctx;
  const went: Destination[] = [];
  for (const [platform, channelId] of notifier.channelsNamed(run, channel)) {
    await notifier.toChannel(db, platform, channelId, message.key, message.subject, addressCard(message, platform), now);
    went.push(`${platform}:channel:${channelId}`);
  }
  if (went.length > 0 || !notifier.hasRunThread(run) || !run.origin) return went;
  const platform = run.origin.platform;
  await notifier.toRunThread(db, run, message.key, addressCard(message, platform), now);
  return [`${platform}:run-thread`];
}
