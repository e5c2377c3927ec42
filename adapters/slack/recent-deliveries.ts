import { createHash } from 'node:crypto';
import { TtlCache } from './ttl-cache';

/**
 * What to do with one delivery of a command, click or form:
 * - `first`: handle it;
 * - `repeat`: this process saw the very same payload a moment ago (Slack re-sent it because our
 *   ack got lost or came late), so the first delivery is handled already: do nothing;
 * - `unseen-retry`: Slack says it is a retry (X-Slack-Retry-Num / retry_attempt > 0) but this
 *   process never saw the first one (it went to another replica, or to a process that died).
 *   Handlers treat it as a first delivery only where doing it twice is harmless.
 */
export type DeliveryVerdict = 'first' | 'repeat' | 'unseen-retry';

/** Slack retries within minutes (three times over about five); ten covers that with room. */
const REMEMBER_MS = 10 * 60 * 1000;

/**
 * Recognises Slack's re-deliveries. The identity of a delivery is a hash of its whole payload:
 * Slack re-sends the same bytes, and two different invocations always differ (each carries its own
 * trigger_id and timestamps). This memory only keeps replies from being sent twice; it is never
 * what stops a second run or a second decision (see on-slash-command.ts and the store's
 * conditional decision), so losing it on a restart is harmless.
 */
export class RecentDeliveries {
  private readonly seen: TtlCache<string, true>;

  constructor(now: () => Date, rememberMs = REMEMBER_MS) {
    this.seen = new TtlCache(rememberMs, now, 20_000);
  }

  /** Classifies a delivery and remembers it. `retryNum` is bolt's `context.retryNum`. */
  check(payload: unknown, retryNum: number | undefined): DeliveryVerdict {
    const key = deliveryKey(payload);
    if (this.seen.has(key)) return 'repeat';
    this.seen.set(key, true);
    return retryNum !== undefined && retryNum > 0 ? 'unseen-retry' : 'first';
  }
}

/** The identity of a payload: sha256 of its JSON (the parsed form body or the socket payload). */
export function deliveryKey(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload) ?? '').digest('hex');
}
