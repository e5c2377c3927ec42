/**
 * The Discord side of the ChatAdapter port, on discord.js 14: a gateway client with the Guilds
 * intent only (no privileged intents: interactions carry the member's roles and permissions),
 * REST pointed at DISCORD_API_URL when set, interactions routed to commands/, cards rendered by
 * render-card. discord.js retries 5xx and waits out 429s; what still fails goes to the outbox.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type ClientOptions, type Interaction } from 'discord.js';
import type { AdapterContext } from '../../src/app';
import type { Card } from '../../src/domain/card';
import type { ChatAdapter, ChatTarget, MessageRef } from '../../src/domain/chat-adapter';
import { buildFactoryCommand } from './command-definition';
import { DiscordSendError } from './discord-errors';
import type { HandlerDeps } from './handler-deps';
import { dmCard, openThreadUnder, postCard, updateCard } from './outbound';
import type { RenderCardOptions } from './render-card';
import { routeInteraction } from './route-interaction';
import { syncCommands, type SyncOutcome } from './sync-commands';

export interface DiscordAdapterOptions {
  /** Bot token (DISCORD_TOKEN). */
  token: string;
  /** Application id (DISCORD_APPLICATION_ID), for command registration. */
  applicationId: string;
  /** Register commands in this guild (instant) instead of globally (DISCORD_GUILD_ID). */
  guildId?: string;
  /** REST base, e.g. "http://127.0.0.1:4000/api" (DISCORD_API_URL); Discord's own when unset. */
  apiUrl?: string;
  /** Base for relative links in cards (PUBLIC_BASE_URL). */
  publicBaseUrl?: string;
  /** Sync `/factory` at start: one GET, and a PUT only when it differs (DISCORD_REGISTER_COMMANDS, on by default from the environment). Default false. */
  registerOnStart?: boolean;
  /** Extra discord.js options (tests: timeouts, retries). Intents default to Guilds only. */
  clientOptions?: Partial<ClientOptions>;
  /** How long start() waits for the gateway to become ready. Default 30 s. */
  readyTimeoutMs?: number;
  /** How long stop() lets interactions in progress finish. Default 10 s. */
  drainTimeoutMs?: number;
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  private client: Client | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly deps: HandlerDeps;
  private readonly onInteraction = (interaction: Interaction): void => {
    const handled = routeInteraction(interaction, this.deps).finally(() => this.inFlight.delete(handled));
    this.inFlight.add(handled);
  };

  constructor(
    private readonly ctx: AdapterContext,
    private readonly options: DiscordAdapterOptions,
  ) {
    this.deps = { dispatch: ctx.dispatch, log: ctx.log, now: ctx.now, render: () => this.renderOptions() };
  }

  /** Logs in and waits for READY; then, when asked, syncs the `/factory` command. */
  async start(): Promise<void> {
    if (this.client) return;
    const { clientOptions = {}, apiUrl } = this.options;
    const client = new Client({ intents: [GatewayIntentBits.Guilds], ...clientOptions, rest: { ...clientOptions.rest, ...(apiUrl ? { api: apiUrl } : {}) } });
    client.on(Events.InteractionCreate, this.onInteraction);
    client.on(Events.Error, (err) => this.ctx.log.error({ err }, 'discord client error'));
    client.on(Events.ShardDisconnect, (event) => this.ctx.log.warn({ code: event.code }, 'discord gateway disconnected'));
    client.on(Events.ShardResume, () => this.ctx.log.info('discord gateway resumed'));
    try {
      const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(this.options.readyTimeoutMs ?? 30_000) });
      await client.login(this.options.token);
      await ready;
    } catch (error) {
      await client.destroy();
      throw new Error(`Discord login failed: ${(error as Error).message}. Check DISCORD_TOKEN (the bot token from the developer portal) and DISCORD_API_URL.`, { cause: error });
    }
    this.client = client;
    this.ctx.log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord gateway ready');
    if (this.options.registerOnStart) await this.registerCommands(client);
  }

  /** Stops taking interactions, lets those in progress finish, then closes the gateway. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    client.off(Events.InteractionCreate, this.onInteraction);
    const drained = Promise.allSettled([...this.inFlight]);
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, this.options.drainTimeoutMs ?? 10_000).unref())]);
    await client.destroy();
  }

  post(target: ChatTarget, card: Card): Promise<MessageRef> {
    return postCard(this.requireClient(), target, card, this.renderOptions());
  }

  update(ref: MessageRef, card: Card): Promise<void> {
    return updateCard(this.requireClient(), ref, card, this.renderOptions());
  }

  dm(userId: string, card: Card): Promise<MessageRef> {
    return dmCard(this.requireClient(), userId, card, this.renderOptions());
  }

  openThread(ref: MessageRef, name: string): Promise<string | null> {
    return openThreadUnder(this.requireClient(), ref, name);
  }

  private async registerCommands(client: Client): Promise<void> {
    const scope = { applicationId: this.options.applicationId, guildId: this.options.guildId };
    try {
      const outcome = await syncCommands(client.rest, scope, buildFactoryCommand(this.ctx.dispatch.commands));
      this.ctx.log.info({ ...outcome, guildId: scope.guildId }, describeRegistration(outcome, scope));
    } catch (err) {
      // The bot still answers commands registered before; an operator can run commands:deploy.
      this.ctx.log.error({ err, ...scope }, 'registering /factory failed; run `npm run commands:deploy` to retry');
    }
  }

  private renderOptions(): RenderCardOptions {
    const roleIds = new Set<string>();
    for (const guild of this.client?.guilds.cache.values() ?? []) for (const id of guild.roles.cache.keys()) roleIds.add(id);
    return { ...(this.options.publicBaseUrl ? { publicBaseUrl: this.options.publicBaseUrl } : {}), roleIds };
  }

  private requireClient(): Client {
    // Retryable: the outbox tries again once the adapter has started.
    if (!this.client) throw new DiscordSendError('the Discord adapter is not started', { retryable: true });
    return this.client;
  }
}

/** The one line a start logs about /factory: where it lives and whether anything was sent. */
export function describeRegistration(outcome: SyncOutcome, scope: { applicationId: string; guildId?: string }): string {
  const where = scope.guildId ? `in guild ${scope.guildId}` : `globally for application ${scope.applicationId} (new commands can take up to an hour to show)`;
  return outcome.changed ? `registered /factory ${where}: ${outcome.reason}` : `/factory is already registered ${where}; nothing sent`;
}
