// SSE fan-out: one event committed to the log, the time until the last of N connected clients
// (real `eventsource` clients on the bot's HTTP server, authenticated by an API token) has
// received it. The baseline is the same path with one client, in the same run. PGlite in memory:
// the wake-up is in-process; on PostgreSQL it is LISTEN/NOTIFY plus the same single feed read.
// Runs alone too: `npx tsx test/bench/events.bench.ts`.
import { pathToFileURL } from 'node:url';
import { EventSource } from 'eventsource';
import { authenticateBearer } from '../../src/api/auth';
import { issueApiToken } from '../../src/api/auth/issue-token';
import { EventFeed } from '../../src/events/event-feed';
import { SseEndpoint } from '../../src/events/sse-endpoint';
import { HttpServer } from '../../src/http/server';
import { silentLogger } from '../../src/log';
import { appendAudit, migrateToLatest, openDatabase, transaction, type Database } from '../../src/store';
import { recordEvents } from '../../src/store/events.store';
import { measure, printTable, summarize, type BenchRow } from './lib/bench';
import { createScratchDatabase } from './store/scratch-database';

const CLIENTS = [1, 200];
const WARMUP = 5;
const ITERATIONS = 30;
const operator = { type: 'human' as const, platform: 'console' as const, id: 'bench', name: 'bench' };

async function connect(base: string, token: string, count: number, onEvent: () => void): Promise<EventSource[]> {
  const sources: EventSource[] = [];
  await Promise.all(
    Array.from({ length: count }, () => {
      const source = new EventSource(`${base}/v1/events`, { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, authorization: `Bearer ${token}` } }) });
      sources.push(source);
      source.onmessage = onEvent;
      return new Promise<void>((resolve, reject) => {
        source.onopen = () => resolve();
        source.onerror = (e) => reject(new Error(`SSE client failed: ${e.message ?? e.code}`));
      });
    }),
  );
  return sources;
}

/** Commits one event and resolves when all `count` clients have it; returns the milliseconds. */
async function fanOutOnce(database: Database, count: number, state: { received: number; done?: () => void }): Promise<number> {
  state.received = 0;
  const all = new Promise<void>((resolve) => (state.done = resolve));
  const start = performance.now();
  await transaction(database, (trx) => recordEvents(trx, [{ type: 'gate.pending', at: new Date(), runId: null, gateId: null, data: { bench: true } }]));
  await all;
  return performance.now() - start;
}

/** One audit row per transaction, `writers` at once: `event` false is an action with no event (the baseline). */
async function auditCommits(database: Database, writers: number, event: boolean): Promise<number[]> {
  const action = event ? 'gate.claimed' : 'gate.snoozed';
  const one = () => transaction(database, (trx) => appendAudit(trx, { at: new Date(), actor: operator, action, entityType: 'gate', entityId: '1' }));
  return measure(() => Promise.all(Array.from({ length: writers }, one)), { warmup: 10, iterations: 100 });
}

/**
 * What writing events costs the state changes that cause them: an audit-only commit against the
 * same commit with its event (inserted at the end of the transaction under the events lock), on
 * one connection and with 8 writers at once on PostgreSQL (where the lock serializes their ends).
 */
async function writeCost(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const lite = await openDatabase({ memory: true });
  try {
    await migrateToLatest(lite.db);
    rows.push(summarize('PGlite: commit with an audit row, no event', await auditCommits(lite, 1, false)));
    rows.push(summarize('PGlite: commit with an audit row and its event', await auditCommits(lite, 1, true), { baseline: rows[0]!.case }));
  } finally {
    await lite.close();
  }
  const scratch = await createScratchDatabase('events').catch(() => undefined);
  if (!scratch) return rows;
  const pg = await openDatabase({ databaseUrl: scratch.connectionString, poolMax: 8 });
  try {
    await migrateToLatest(pg.db);
    const base = 'PostgreSQL: 8 concurrent commits with an audit row, no event';
    rows.push(summarize(base, await auditCommits(pg, 8, false)));
    rows.push(summarize('PostgreSQL: 8 concurrent commits with an audit row and its event', await auditCommits(pg, 8, true), { baseline: base }));
  } finally {
    await pg.close();
    await scratch.drop();
  }
  return rows;
}

export default async function run(): Promise<BenchRow[]> {
  return [...(await fanOut()), ...(await writeCost())];
}

async function fanOut(): Promise<BenchRow[]> {
  const database = await openDatabase({ memory: true });
  const http = new HttpServer(silentLogger());
  const feed = new EventFeed({ database, pollMs: 60_000, log: () => undefined });
  const sse = new SseEndpoint({ database, feed, now: () => new Date(), heartbeatMs: 60_000, log: () => undefined, authenticate: (h, now) => authenticateBearer(database.db, h, now) });
  let sources: EventSource[] = [];
  try {
    await migrateToLatest(database.db);
    const { secret } = await issueApiToken(database, { name: 'bench', role: 'viewer', scopes: ['runs:read'], actor: operator }, new Date());
    await feed.start();
    http.mount('/v1/events', sse.handle);
    const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    const rows: BenchRow[] = [];
    for (const count of CLIENTS) {
      const state: { received: number; done?: () => void } = { received: 0 };
      sources = await connect(base, secret, count, () => {
        if (++state.received === count) state.done?.();
      });
      const samples: number[] = [];
      for (let i = 0; i < WARMUP + ITERATIONS; i++) {
        const ms = await fanOutOnce(database, count, state);
        if (i >= WARMUP) samples.push(ms);
      }
      rows.push(summarize(`commit → last of ${count} SSE client${count > 1 ? 's' : ''} has it (PGlite)`, samples, count === CLIENTS[0] ? {} : { baseline: rows[0]!.case }));
      sources.forEach((s) => s.close());
      sources = [];
    }
    return rows;
  } finally {
    sources.forEach((s) => s.close());
    sse.closeAll();
    await feed.stop();
    await http.close();
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run()
    .then((rows) => printTable(rows))
    .catch((error: unknown) => {
      process.stderr.write(`events bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
