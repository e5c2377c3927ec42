import type { Logger } from 'pino';
import type { RunService } from '../runner/run-service';
import type { ServiceContext } from '../runner/service-context';
import type { RateLimiter } from './rate-limit';

/** What the REST routes share: the same run service the chat commands call. */
export interface ApiDeps {
  service: RunService;
  ctx: ServiceContext;
  log: Logger;
  now: () => Date;
  /** Per API token (and per hook template). */
  limiter: RateLimiter;
  /** The largest JSON body a route accepts, unless the route says otherwise. */
  maxBodyBytes: number;
  /** HMAC secret of inbound webhook triggers; without it `POST /v1/hooks/...` answers 503. */
  hookSecret?: string;
  /** The server's public URL, for the OpenAPI document's `servers`. */
  publicBaseUrl?: string;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
