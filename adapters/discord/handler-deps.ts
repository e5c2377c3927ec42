import type { Logger } from 'pino';
import type { DispatchDeps } from '../../commands/dispatch';
import type { RenderCardOptions } from './render-card';

/** What every interaction handler needs: the commands to call, a logger, the clock, render options. */
export interface HandlerDeps {
  dispatch: DispatchDeps;
  log: Logger;
  now: () => Date;
  /** Read per reply: role ids change while the bot runs. */
  render: () => RenderCardOptions;
}
