/**
 * The whole bot on Discord for end-to-end tests: a fake Discord with one guild (channels general
 * and tasks; roles reviewers, operators), createFactoryApp with the real Discord adapter (the real
 * discord.js client) and a real test database, and the people who click. Time is real; every wait
 * is on a condition (the fake's state or the database), never a sleep.
 */
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { APIMessage } from 'discord.js';
import pino from 'pino';
import { discordAdapterFromEnv, type DiscordAdapterOptions } from '../../adapters/discord/index';
import { createFactoryApp, type FactoryApp } from '../../src/app';
import { readEnv, type Env } from '../../src/config';
import { parseFileConfig } from '../../src/config-file';
import { startFakeDiscord, type CreatedGuild, type FakeDiscord, type InteractionActor } from '../fakes/discord';
import { waitForState } from '../fakes/discord/wait-for';
import type { TestDatabaseHandle } from '../support/databases';

export interface DiscordBot {
  fake: FakeDiscord;
  guild: CreatedGuild;
  app: FactoryApp;
  /** Everyone who clicks, with their guild roles. */
  people: Record<'otto' | 'rita' | 'rob' | 'vic', InteractionActor>;
  /** Log lines at warn and above (JSON), to show what went wrong when a test fails. */
  logs: string[];
  /** The app's clock: real time plus an offset a test may move forward (outbox backoff, deadlines). */
  clock: { now(): Date; advance(ms: number): void };
  stop(): Promise<void>;
}

export interface StartDiscordBotOptions {
  adapter?: Partial<DiscordAdapterOptions>;
  /** Runs after the fake and its guild exist and before the bot starts (e.g. deploy commands). */
  beforeStart?: (fake: FakeDiscord, env: Env) => Promise<void>;
  /** Extra environment (e.g. DISCORD_REGISTER_COMMANDS). */
  env?: Record<string, string>;
  /** Channels config instead of `tasks` only. */
  channels?: (guild: CreatedGuild) => Record<string, { discord?: string; slack?: string }>;
  /** The config's `cards` section (e.g. `{ gate_copies: true }`). */
  cards?: Record<string, unknown>;
  /** Lowest log level kept in `logs` (default warn). */
  logLevel?: 'info' | 'warn';
  /** An already running fake (a restart against the same Discord). */
  fake?: FakeDiscord;
  guild?: CreatedGuild;
}

/** Starts the fake, the database and the bot; `stop()` closes all three. */
export async function startDiscordBot(openDatabase: () => Promise<TestDatabaseHandle>, opts: StartDiscordBotOptions = {}): Promise<DiscordBot> {
  const fake = opts.fake ?? (await startFakeDiscord({ heartbeatIntervalMs: 500 }));
  const guild = opts.guild ?? fake.createGuild({ channels: ['general', 'tasks'], roles: [{ name: 'reviewers' }, { name: 'operators' }] });
  const env = readEnv({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_GUILD_ID: guild.id,
    DISCORD_API_URL: fake.restUrl,
    FACTORY_TEMPLATES_DIR: 'templates',
    SIMULATE_TIME_SCALE: '0',
    PORT: '0',
    ...opts.env,
  });
  const tasks = { discord: guild.channels.tasks! };
  const fileConfig = parseFileConfig({
    roles: { reviewer: [`discord:role:${guild.roles.reviewers}`], operator: [`discord:role:${guild.roles.operators}`] },
    channels: opts.channels?.(guild) ?? { tasks },
    ...(opts.cards ? { cards: opts.cards } : {}),
  });
  const logs: string[] = [];
  const log = pino({ level: opts.logLevel ?? 'warn' }, new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) }));
  await opts.beforeStart?.(fake, env);
  const database = await openDatabase();
  // Registration at start comes from the environment (DISCORD_REGISTER_COMMANDS, on by default).
  const factory = discordAdapterFromEnv(env, opts.adapter);
  if (!factory) throw new Error('the Discord environment did not make an adapter');
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset), advance: (ms: number) => void (offset += ms) };
  let app: FactoryApp | undefined;
  try {
    app = await createFactoryApp({ env, fileConfig, log, adapters: [factory], database, now: clock.now });
    await app.start(0);
  } catch (error) {
    await app?.stop();
    await database.close();
    if (!opts.fake) await fake.close();
    throw error;
  }
  const started = app;
  const member = (n: number, username: string, roles: string[]): InteractionActor => ({ userId: `20000000000000000${n}`, username, roles });
  return {
    fake,
    guild,
    app: started,
    logs,
    clock,
    people: {
      otto: member(1, 'otto', [guild.roles.operators!]),
      rita: member(2, 'rita', [guild.roles.reviewers!]),
      rob: member(3, 'rob', [guild.roles.reviewers!]),
      vic: member(4, 'vic', []),
    },
    async stop() {
      // app.stop() closes the database it was given; closing the handle again is a no-op.
      await started.stop();
      await database.close();
      if (!opts.fake) await fake.close();
    },
  };
}

/** The button custom ids on a message. */
export function buttonIds(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => ('components' in row ? (row.components as Array<{ custom_id?: string }>) : [])).flatMap((b) => (b.custom_id ? [b.custom_id] : []));
}

/** Messages the bot posted itself in a channel (not interaction responses). */
export function botPosts(fake: FakeDiscord, channelId: string): APIMessage[] {
  return fake.state.messagesIn(channelId).filter((m) => m.author.id === fake.botUser.id && !m.webhook_id);
}

/** Waits for a message in `channelId` the bot posted whose buttons include one matching `pattern`. */
export function waitForCardWithButton(fake: FakeDiscord, channelId: string, pattern: RegExp, timeoutMs = 15_000, skip: readonly string[] = []): Promise<APIMessage> {
  return waitForState(
    fake.state,
    () => botPosts(fake, channelId).find((m) => !skip.includes(m.id) && buttonIds(m).some((id) => pattern.test(id))),
    `a card with a button ${String(pattern)} in ${channelId}`,
    timeoutMs,
  );
}

/** Waits until `check` passes on the current state of the fake (re-checked on every change). */
export function waitForFake<T>(fake: FakeDiscord, check: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  return waitForState(fake.state, () => check() || undefined, what, timeoutMs) as Promise<T>;
}

/** The visible text of a message: content, embed title, description and fields. */
export function textOf(message: APIMessage | undefined): string {
  if (!message) return '';
  const embeds = message.embeds.map((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`), e.footer?.text].filter(Boolean).join('\n'));
  return [message.content, ...embeds].filter(Boolean).join('\n');
}

/** Live TCP sockets with either end on `port`; the undocumented handle list is the only way to see them. */
export function openSocketsOn(port: number): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof Socket && !h.destroyed && (h.remotePort === port || h.localPort === port)).length;
}
