import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Env } from './config';
import { shellEnvironment } from './config';
import { modelAliasesOf, type FileConfig } from './config-file';
import type { ChatAdapter } from './domain/chat-adapter';
import type { Platform } from './domain/statuses';
import { EscalationSweep } from './escalation/escalation-sweep';
import { SimulateExecutor } from './executors/simulate.executor';
import { createExecutorRegistry } from './executors/registry';
import { WebhookCallbacks } from './executors/webhook-callbacks';
import { HttpServer } from './http/server';
import { DEFAULT_MAX_BODY_BYTES, type ApiDeps } from './api/api-deps';
import { mountApi } from './api/mount-api';
import { RateLimiter } from './api/rate-limit';
import { apiRoutes } from './api/routes/index';
import { authenticateBearer } from './api/auth';
import { EventFeed } from './events/event-feed';
import { SseEndpoint } from './events/sse-endpoint';
import { McpHttpEndpoint } from './mcp/mcp-http';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { Metrics } from './metrics';
import { OutboxDelivery } from './outbox/outbox-delivery';
import { Notifier } from './runner/notifier';
import { RunService } from './runner/run-service';
import { Runner } from './runner/runner';
import type { ServiceContext } from './runner/service-context';
import { TemplateCatalog } from './runner/template-catalog';
import { ScheduledRuns } from './scheduling/scheduled-runs';
import { loadProcessIdentity, type ProcessIdentity } from './boot/process-identity';
import { describeUnmappedChannel, findUnmappedChannels } from './boot/unmapped-channels';
import { openFactoryDatabase } from './boot/open-factory-database';
import type { Database } from './store/database';
import { migrateToLatest } from './store/migrate';
import { resolveLinkSecret, WebLinks, withSignedLinks } from './web/web-links';
import { registerWebRoutes } from './web/web-routes';
import { COMMANDS } from '../commands/index';
import type { DispatchDeps } from '../commands/dispatch';

/** What an adapter gets to do its job: the commands to call, the HTTP server to mount on, a logger. */
export interface AdapterContext {
  dispatch: DispatchDeps;
  http: HttpServer;
  log: Logger;
  now: () => Date;
}

export interface AdapterFactory {
  platform: Platform;
  create(ctx: AdapterContext): ChatAdapter;
}

export interface FactoryAppOptions {
  env: Env;
  fileConfig: FileConfig;
  log: Logger;
  adapters: readonly AdapterFactory[];
  /** An already open database (tests); otherwise opened from env. */
  database?: Database;
  now?: () => Date;
  /** Who this process is for leases (tests); otherwise loaded from FACTORY_DATA_DIR. */
  identity?: ProcessIdentity;
}

/**
 * Builds the whole bot: store, runner, outbox, adapters and HTTP routes, wired once. `start()`
 * starts taking work; `stop()` stops taking work, lets running attempts finish (or releases them)
 * and closes everything.
 */
export async function createFactoryApp(opts: FactoryAppOptions) {
  const { env, fileConfig, log } = opts;
  const now = opts.now ?? (() => new Date());
  const metrics = new Metrics({ defaultMetrics: true });
  const database = opts.database ?? (await openFactoryDatabase(env, log));
  const applied = await migrateToLatest(database.db);
  if (applied.length) log.info({ migrations: applied }, 'database migrated');
  const catalog = await TemplateCatalog.load(env.FACTORY_TEMPLATES_DIR, {
    modelAliases: Object.keys(modelAliasesOf(fileConfig)),
    teams: Object.keys(fileConfig.teams),
    configChannels: Object.keys(fileConfig.channels),
    approvers: { groups: fileConfig.groups, roles: fileConfig.roles },
  });
  for (const line of catalog.startupWarnings()) log.warn(line);

  // Cards link to the run pages of this server; without PUBLIC_BASE_URL, to the local one.
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`;
  const links = new WebLinks({ secret: await resolveLinkSecret(env.WEB_LINK_SECRET, database, now()), baseUrl: publicBaseUrl, ttlMs: env.WEB_LINK_TTL, now });

  const platforms = opts.adapters.map((a) => a.platform);
  for (const unmapped of findUnmappedChannels(catalog.list(), fileConfig.channels, platforms)) log.warn({ channel: unmapped.name, templates: unmapped.templates }, describeUnmappedChannel(unmapped));
  const notifier = new Notifier({ platforms, channels: fileConfig.channels, roles: fileConfig.roles, gateCopies: fileConfig.cards.gate_copies });
  const holder: { runner?: Runner } = {};
  const ctx: ServiceContext = {
    database,
    catalog,
    config: fileConfig,
    teams: fileConfig.teams,
    notifier,
    escalationDefaults: fileConfig.escalation,
    publicBaseUrl,
    metrics,
    onRunCancelled: (runId) => holder.runner?.cancelRun(runId),
  };
  const service = new RunService(ctx, now);
  const http = new HttpServer(log);
  const dispatch: DispatchDeps = {
    commands: COMMANDS,
    service,
    log,
    publicBaseUrl,
    signLinks: (reply) => links.signReply(reply),
    onOutcome: (command, platform, outcome) => metrics.commands.inc({ command, platform, outcome }),
  };
  const adapters = new Map<Platform, ChatAdapter>();
  for (const factory of opts.adapters) adapters.set(factory.platform, factory.create({ dispatch, http, log: log.child({ platform: factory.platform }), now }));

  const callbacks = new WebhookCallbacks({ secret: env.WEBHOOK_SECRET });
  const executors = createExecutorRegistry({
    simulate: { timeScale: 1 },
    shell: env.FACTORY_SHELL_ENV === undefined ? undefined : { env: shellEnvironment(env) },
    anthropic: {
      apiKey: env.ANTHROPIC_API_KEY,
      baseURL: env.ANTHROPIC_BASE_URL,
      skillsDir: join(env.FACTORY_TEMPLATES_DIR, 'skills'),
      aliases: fileConfig.models.aliases,
      defaultModel: fileConfig.models.default,
      requestTimeoutMs: fileConfig.models.request_timeout,
    },
    webhook: env.WEBHOOK_SECRET
      ? { secret: env.WEBHOOK_SECRET, callbackUrl: `${env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`}/callbacks/webhook`, callbacks }
      : undefined,
  });
  // Leases name this process; a restart in the same data directory reclaims its predecessor's at once.
  const identity = opts.identity ?? loadProcessIdentity(env.FACTORY_DATA_DIR);
  const owner = identity.owner;
  const runner = new Runner({
    database,
    executors,
    rehearsal: new SimulateExecutor({ timeScale: env.SIMULATE_TIME_SCALE }),
    deps: ctx,
    log: log.child({ component: 'runner' }),
    metrics,
    concurrency: env.RUNNER_CONCURRENCY,
    owner,
    predecessors: { prefix: identity.instancePrefix, isDead: (other) => identity.isDeadPredecessor(other) },
    now,
  });
  holder.runner = runner;
  const outbox = new OutboxDelivery({
    database,
    adapters: new Map([...adapters].map(([platform, adapter]) => [platform, withSignedLinks(adapter, links)])),
    log,
    metrics,
    owner,
    now,
    pager: env.PAGER_EVENTS_URL && env.PAGER_ROUTING_KEY ? { url: env.PAGER_EVENTS_URL, routingKey: env.PAGER_ROUTING_KEY } : undefined,
  });
  // SLA ladders and cron-triggered runs: node-cron says when to look, the database what is due.
  const escalation = new EscalationSweep({ ctx, log: log.child({ component: 'escalation' }), metrics, cron: env.ESCALATION_CRON, now, owner: fileConfig.owner });
  const schedules = new ScheduledRuns({ ctx, log: log.child({ component: 'schedules' }), cron: env.ESCALATION_CRON, now });

  let ready = false;
  http
    .route('GET', '/healthz', () => ({ status: 200, body: { ok: true } }))
    .route('GET', '/readyz', async () => {
      if (!ready) return { status: 503, body: { ok: false, reason: 'starting' } };
      try {
        await database.db.selectFrom('runs').select('id').limit(1).execute();
        return { status: 200, body: { ok: true, database: database.kind, adapters: platforms } };
      } catch (error) {
        return { status: 503, body: { ok: false, reason: `database: ${(error as Error).message}` } };
      }
    })
    .route('GET', '/metrics', async () => ({ status: 200, headers: { 'content-type': metrics.registry.contentType }, body: await metrics.registry.metrics() }))
    .route('POST', '/callbacks/webhook', (req) => callbacks.handleCallback(req.rawBody, req.headers, now()));
  const api: ApiDeps = {
    service,
    ctx,
    log: log.child({ component: 'api' }),
    now,
    limiter: new RateLimiter(env.API_RATE_LIMIT_PER_MINUTE),
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    hookSecret: env.FACTORY_HOOK_SECRET,
    publicBaseUrl: env.PUBLIC_BASE_URL,
  };
  mountApi(http, api, apiRoutes());
  registerWebRoutes(http, { database, links, templates: () => catalog.list().map((t) => ({ id: t.id, name: t.name })), now, log: log.child({ component: 'web' }), discordGuildId: env.DISCORD_GUILD_ID });

  // Live doors: one reader of the event log per process feeds SSE streams, webhook queueing and
  // MCP resource subscriptions.
  const eventLog = (msg: string, err?: unknown) => log.warn({ err, component: 'events' }, msg);
  const feed = new EventFeed({ database, pollMs: env.EVENTS_POLL_MS, log: eventLog });
  const sse = new SseEndpoint({ database, feed, now, heartbeatMs: env.EVENTS_HEARTBEAT_MS, log: eventLog, authenticate: (header, at) => authenticateBearer(database.db, header, at) });
  const webhooks = new WebhookDispatcher({ database, feed, now, log: eventLog });
  const mcp = new McpHttpEndpoint({ service, feed, now, log: log.child({ component: 'mcp' }), authenticate: (header, at) => authenticateBearer(database.db, header, at, 'mcp') });
  http.mount('/v1/events', sse.handle).mount('/mcp', mcp.handle);

  return {
    database,
    service,
    dispatch,
    runner,
    outbox,
    escalation,
    schedules,
    http,
    adapters,
    metrics,
    catalog,
    ctx,
    api,
    links,
    feed,
    sse,
    mcp,
    webhooks,
    /** `port: null` starts everything but the HTTP listener (the stdio MCP server). */
    async start(port: number | null = env.PORT): Promise<number | null> {
      await feed.start();
      webhooks.start();
      const bound = port === null ? null : await http.listen(port);
      for (const adapter of adapters.values()) await adapter.start();
      runner.start();
      outbox.start();
      await schedules.declare(now());
      escalation.start();
      schedules.start();
      ready = true;
      log.info({ port: bound, database: database.kind, adapters: platforms, templates: catalog.list().map((t) => t.id) }, 'process factory is running');
      log.info({ url: links.runsUrl() }, 'run pages: open this signed link for the list of runs');
      return bound;
    },
    async stop(): Promise<void> {
      ready = false;
      await escalation.stop();
      await schedules.stop();
      await runner.stop();
      await outbox.stop();
      sse.closeAll();
      await mcp.closeAll();
      await webhooks.stop();
      await feed.stop();
      for (const adapter of adapters.values()) await adapter.stop().catch((error) => log.warn({ err: error }, 'adapter stop failed'));
      await http.close();
      await database.close();
    },
  };
}

export type FactoryApp = Awaited<ReturnType<typeof createFactoryApp>>;
