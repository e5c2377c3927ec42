import type { AdapterContext } from '../../src/app';
import type { Card } from '../../src/domain/card';
import type { ChatAdapter, ChatTarget, MessageRef } from '../../src/domain/chat-adapter';
import { SlackActorResolver } from './actor-resolver';
import { boltLogger } from './bolt-logger';
import { createBoltRuntime, type BoltRuntime } from './bolt-runtime';
import { slackEventsEndpoint, SLACK_EVENTS_PATH } from './events-endpoint';
import type { SlackHandlerDeps } from './handler-deps';
import { HomePublisher } from './home-publisher';
import { InFlight } from './in-flight';
import { registerBlockActions } from './on-block-action';
import { registerAppHome } from './on-home-opened';
import { registerSlashCommand } from './on-slash-command';
import { registerViewSubmissions } from './on-view-submission';
import { RecentDeliveries } from './recent-deliveries';
import { ReplySender } from './reply-sender';
import { SlackMessenger } from './slack-messenger';
import type { ResolvedSlackOptions, SlackMode } from './slack-options';
import { warnWithoutSlashCommand } from './slash-command-check';

/** How long stop() lets acknowledged work (a command, a reply) finish before closing. */
const DRAIN_MS = 10_000;

/**
 * Process Factory on Slack: @slack/bolt in Socket Mode or HTTP mode for what people do (the
 * /factory command, buttons, forms, the Home tab) and the Web API for what the bot posts (the
 * ChatAdapter port the outbox calls). Inbound, it only translates payloads into commands/ calls
 * and renders their Replies; it never touches the store.
 */
export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  readonly mode: SlackMode;
  private readonly runtime: BoltRuntime;
  private readonly messenger: SlackMessenger;
  private readonly inflight = new InFlight();
  private readonly log: AdapterContext['log'];
  private open = false;

  constructor(ctx: AdapterContext, options: ResolvedSlackOptions) {
    const log = ctx.log;
    this.log = log;
    this.mode = options.mode;
    this.runtime = createBoltRuntime(options, boltLogger(log));
    const client = this.runtime.app.client;
    this.messenger = new SlackMessenger(client, options.publicBaseUrl, ctx.now);
    const deps: SlackHandlerDeps = {
      dispatch: ctx.dispatch,
      client,
      log,
      now: ctx.now,
      actors: new SlackActorResolver({ client, groupIds: options.groupIds, now: ctx.now, log }),
      deliveries: new RecentDeliveries(ctx.now),
      replies: new ReplySender(client, this.messenger, log),
      home: new HomePublisher({ client, service: ctx.dispatch.service, now: ctx.now, publicBaseUrl: options.publicBaseUrl, signLinks: ctx.dispatch.signLinks, log }),
      inflight: this.inflight,
    };
    registerSlashCommand(this.runtime.app, deps);
    registerBlockActions(this.runtime.app, deps);
    registerViewSubmissions(this.runtime.app, deps);
    registerAppHome(this.runtime.app, deps);
    this.runtime.app.error(async (error) => void log.error({ err: error }, 'a Slack listener failed'));

    const handOver = this.runtime.requestListener;
    if (handOver && options.signingSecret) {
      const signingSecret = options.signingSecret;
      ctx.http.mount(SLACK_EVENTS_PATH, slackEventsEndpoint({ signingSecret, handOver, now: ctx.now, log, isOpen: () => this.open }));
    }
  }

  async start(): Promise<void> {
    await this.runtime.start();
    this.open = true;
    this.log.info(
      { mode: this.mode },
      this.mode === 'socket' ? 'slack connected over Socket Mode' : `slack listening for events at POST ${SLACK_EVENTS_PATH}`,
    );
    await warnWithoutSlashCommand(this.runtime.app, this.log);
  }

  async stop(): Promise<void> {
    this.open = false;
    await this.runtime.stop();
    await this.inflight.drain(DRAIN_MS);
  }

  post(target: ChatTarget, card: Card): Promise<MessageRef> {
    return this.messenger.post(target, card);
  }

  update(ref: MessageRef, card: Card): Promise<void> {
    return this.messenger.update(ref, card);
  }

  dm(userId: string, card: Card): Promise<MessageRef> {
    return this.messenger.dm(userId, card);
  }

  async openThread(ref: MessageRef): Promise<string | null> {
    return this.messenger.openThread(ref);
  }
}
