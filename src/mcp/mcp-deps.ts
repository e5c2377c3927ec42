import type { Logger } from 'pino';
import type { ApiPrincipal } from '../api/auth';
import type { EventFeed } from '../events/event-feed';
import type { FactoryService } from '../runner/factory-service';

/** What every MCP session shares: the same run service the chat commands and REST routes call. */
export interface McpDeps {
  service: FactoryService;
  feed: EventFeed;
  log: Logger;
  now: () => Date;
}

/** One connected MCP client: its token decides what it may do, as in chat and REST. */
export interface McpSession {
  principal: ApiPrincipal;
}
