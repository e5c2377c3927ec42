import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { WAKE_TOPICS, WakeSubscribers, type WakeChannel, type WakeTopic } from './wake-channel';

const channelOf = (topic: WakeTopic) => `pf_wake_${topic}`;
const topicOf = (channel: string) => WAKE_TOPICS.find((t) => channelOf(t) === channel);
const MAX_RECONNECT_DELAY_MS = 30_000;

export interface PgWakeChannelOptions {
  /** Connection settings for the dedicated LISTEN connection (not a pool client: it stays open). */
  clientConfig: pg.ClientConfig;
  /** Where NOTIFY is sent from. */
  pool: pg.Pool;
  log: (msg: string) => void;
}

/**
 * LISTEN/NOTIFY across replicas. Subscribers in this process are woken at once; the NOTIFY carries
 * this instance's id so the echo is ignored. If the LISTEN connection drops it reconnects with
 * backoff and then wakes every topic, because notifications sent meanwhile are lost.
 */
export async function createPgWakeChannel(opts: PgWakeChannelOptions): Promise<WakeChannel> {
  const instanceId = randomUUID();
  const subscribers = new WakeSubscribers(opts.log);
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const listen = async (): Promise<void> => {
    const next = new pg.Client(opts.clientConfig);
    next.on('notification', (msg) => {
      const topic = topicOf(msg.channel);
      if (topic && msg.payload !== instanceId) subscribers.emit(topic);
    });
    next.on('error', (err) => lost(next, err));
    next.on('end', () => lost(next));
    await next.connect();
    for (const topic of WAKE_TOPICS) await next.query(`LISTEN ${channelOf(topic)}`);
    client = next;
    failures = 0;
  };

  const lost = (which: pg.Client, err?: Error): void => {
    if (closed || which !== client) return;
    client = undefined;
    opts.log(`wake-up connection to PostgreSQL lost${err ? ` (${err.message})` : ''}; reconnecting`);
    which.end().catch(() => undefined);
    scheduleReconnect();
  };

  const scheduleReconnect = (): void => {
    const delay = Math.min(MAX_RECONNECT_DELAY_MS, 500 * 2 ** failures++);
    retryTimer = setTimeout(() => {
      listen()
        .then(() => WAKE_TOPICS.forEach((t) => subscribers.emit(t)))
        .catch((err: Error) => {
          opts.log(`wake-up reconnect failed: ${err.message}`);
          if (!closed) scheduleReconnect();
        });
    }, delay);
    retryTimer.unref();
  };

  await listen();

  return {
    async notify(topic) {
      subscribers.emit(topic);
      try {
        await opts.pool.query('select pg_notify($1, $2)', [channelOf(topic), instanceId]);
      } catch (err) {
        opts.log(`could not send wake-up "${topic}" to other replicas: ${(err as Error).message}`);
      }
    },
    subscribe: (topic, fn) => subscribers.subscribe(topic, fn),
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      subscribers.clear();
      const last = client;
      client = undefined;
      await last?.end();
    },
  };
}
