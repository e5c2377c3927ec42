import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { slackErrorCode } from './delivery-error';
import { SLACK_EVENTS_PATH } from './events-endpoint';
import type { ResolvedSlackOptions } from './slack-options';

/** The bolt App and its transport, started and stopped as one. */
export interface BoltRuntime {
  app: App;
  /** HTTP mode only: where verified requests are handed over. */
  requestListener?: (req: IncomingMessage, res: ServerResponse) => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds bolt for the chosen mode. The App is created with `deferInitialization`, so its one
 * auth.test happens in start(), where a bad token becomes a boot error that says what to fix.
 *
 * - socket: SocketModeReceiver; stop() awaits the socket's close (bolt's own stop does not).
 * - http: HTTPReceiver, never started itself (it would open a second port); our HTTP server
 *   verifies each request (events-endpoint.ts) and hands it to `requestListener`, so bolt's own
 *   signature check is off: the same check again, but one-sided and on the real clock.
 */
export function createBoltRuntime(options: ResolvedSlackOptions, logger: BoltLogger): BoltRuntime {
  const clientOptions = { slackApiUrl: options.apiUrl, retryConfig: options.retryConfig, logger };
  const common = { token: options.botToken, logger, clientOptions, deferInitialization: true, convoStore: false as const };
  if (options.mode === 'socket') {
    const receiver = new SocketModeReceiver({
      appToken: options.appToken ?? '',
      logger,
      ...(options.socketPingTimeoutMs ? { clientPingTimeout: options.socketPingTimeoutMs } : {}),
      installerOptions: { clientOptions },
    });
    const app = new App({ ...common, receiver });
    return {
      app,
      async start() {
        await initialize(app);
        try {
          await receiver.start();
        } catch (error) {
          throw new Error(
            `Slack refused the Socket Mode connection (${describe(error)}): check SLACK_APP_TOKEN (an app-level xapp- token with connections:write) and that Socket Mode is enabled for the app.`,
            { cause: error },
          );
        }
      },
      stop: () => receiver.client.disconnect(),
    };
  }
  const receiver = new HTTPReceiver({ signingSecret: options.signingSecret ?? '', signatureVerification: false, endpoints: SLACK_EVENTS_PATH, logger });
  const app = new App({ ...common, receiver });
  return {
    app,
    requestListener: receiver.requestListener,
    start: () => initialize(app),
    stop: async () => undefined,
  };
}

async function initialize(app: App): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    throw new Error(
      `Slack refused SLACK_BOT_TOKEN at auth.test (${describe(error)}): copy the Bot User OAuth Token (xoxb-…) again from the app’s "OAuth & Permissions" page, and reinstall the app if it was revoked.`,
      { cause: error },
    );
  }
}

function describe(error: unknown): string {
  return slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
