import type { App } from '@slack/bolt';
import type { SlackHandlerDeps } from './handler-deps';

/**
 * App Home: bolt acks the event before this runs; the tab is published fresh every time the
 * person opens it (and after their own decisions, see on-block-action.ts). A re-delivered event
 * only publishes the same view again.
 */
export function registerAppHome(app: App, deps: SlackHandlerDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    await deps.inflight.track(async () => {
      const actor = await deps.actors.resolve(event.user);
      await deps.home.publish(actor);
    });
  });
}
