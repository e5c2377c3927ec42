import type { ChatAdapter } from '../domain/chat-adapter';
import type { Platform } from '../domain/statuses';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { Database, OutboxRetryPolicy } from '../store';

/** Where 'page' rows go: a PagerDuty Events API v2 endpoint and the service's routing key. */
export interface PagerSettings {
  /** e.g. https://events.pagerduty.com/v2/enqueue */
  url: string;
  routingKey: string;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** Everything a deliverer needs besides the row and the pass's `now`. */
export interface DeliveryContext {
  database: Database;
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  log: Logger;
  metrics?: Metrics;
  /** Who claims rows (host:pid:…); a row is only ever settled by its holder. */
  owner: string;
  /** Longest one send may take before it counts as failed; kept below the claim's lock. */
  sendTimeoutMs: number;
  retry: OutboxRetryPolicy;
  pager?: PagerSettings;
  /** Injected in tests; the global fetch otherwise (outbound webhooks). */
  webhookFetch?: typeof fetch;
}
