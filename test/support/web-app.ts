/**
 * The whole bot (createFactoryApp) with a recording chat adapter, for the web page tests, the
 * screenshots and the bench: the cards it would post are kept, with their signed Details links.
 */
import pino from 'pino';
import { runCommandText } from '../../commands/dispatch';
import { createFactoryApp, type FactoryApp } from '../../src/app';
import { readEnv } from '../../src/config';
import { EMPTY_FILE_CONFIG } from '../../src/config-file';
import type { Card, Reply } from '../../src/domain/card';
import type { ChatAdapter, MessageRef } from '../../src/domain/chat-adapter';
import type { Database } from '../../src/store';
import { freePort } from './free-port';

export interface WebApp {
  app: FactoryApp;
  base: string;
  /** Every card posted or edited, newest last, as the chat would show them. */
  cards: Card[];
  /** Runs "/factory <text>" as the console user (an owner). */
  command(text: string): Promise<Reply>;
  stop(): Promise<void>;
}

function recordingAdapter(cards: Card[]): ChatAdapter {
  let n = 0;
  const ref = (channelId: string): MessageRef => ({ platform: 'console', channelId, messageId: String(++n) });
  return {
    platform: 'console',
    start: async () => {},
    stop: async () => {},
    post: async (target, card) => (cards.push(card), ref(target.channelId)),
    update: async (_ref, card) => void cards.push(card),
    dm: async (userId, card) => (cards.push(card), ref(userId)),
  };
}

export async function startWebApp(database: Database, opts: { now?: () => Date; timeScale?: number } = {}): Promise<WebApp> {
  const port = await freePort();
  const env = readEnv({ PORT: String(port), FACTORY_TEMPLATES_DIR: 'templates', SIMULATE_TIME_SCALE: String(opts.timeScale ?? 0.001), ESCALATION_CRON: '0 0 1 1 *' });
  const cards: Card[] = [];
  const app = await createFactoryApp({
    env,
    fileConfig: EMPTY_FILE_CONFIG,
    log: pino({ level: 'silent' }),
    adapters: [{ platform: 'console', create: () => recordingAdapter(cards) }],
    database,
    ...(opts.now ? { now: opts.now } : {}),
  });
  await app.start(port);
  const actor = { type: 'human' as const, platform: 'console' as const, id: 'console', name: 'you' };
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    cards,
    command: (text) => runCommandText(app.dispatch, { actor, origin: { platform: 'console', channelId: 'console' }, now: new Date() }, text),
    stop: () => app.stop(),
  };
}

/** Polls until `check` gives a value (the runner works in the background). */
export async function waitUntil<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
