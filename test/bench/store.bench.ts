// The "durable runs" benchmark, parts (a) and (b):
//  (a) THE LIMIT: single-row autocommit UPDATEs/s on the local PostgreSQL (8 and 1 connections)
//      and on PGlite (in memory and on a temp data dir), with per-commit latency;
//  (b) THE PEER: graphile-worker (the newest that runs on Node 20; its version is in the table), 10,000 no-op jobs at concurrency 10, and its
//      enqueue→start latency into an idle, listening pool.
//  (c) OURS: block completions/s in two shapes (one 400-block run; 100 runs of 10 blocks), the
//      cost per completion at 40/400/4,000 blocks, and decision→next block start, each printed
//      with the target and a verdict (store/ours-rows.ts).
// Runs alone too: `npx tsx test/bench/store.bench.ts`. Local server only (127.0.0.1); every
// database it creates is dropped again.
import { loadavg, cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { printTable } from './lib/bench';
import type { BenchRow } from './lib/bench';
import { measureGraphilePeer } from './store/graphile-peer';
import { oursCases } from './store/ours-cases';
import type { OursCases } from './store/ours-cases';
import { measurePgUpdateLimit } from './store/pg-update-limit';
import { measurePgliteUpdateLimit } from './store/pglite-update-limit';
import { runOurs } from './store/run-ours';
import { dropAllScratchDatabases } from './store/scratch-database';
import { latencyRows, throughputRow } from './store/store-rows';
import { oursTargetRows } from './store/ours-rows';
import { GRAPHILE_VERSION } from './store/graphile-version';

const LIMIT_WINDOW = { warmupMs: 500, durationMs: 5_000 };
const PEER = { jobs: 10_000, concurrency: 10, latencySamples: 200, latencyWarmup: 10 };
const OURS_TIMEOUT_MS = 600_000;

/** Progress and context go to stderr, so stdout stays the table. */
function note(message: string): void {
  process.stderr.write(`[store bench] ${message}\n`);
}

/** Ctrl-C mid-run: drop the scratch databases before exiting, whoever started us. */
function onInterrupt(): void {
  void dropAllScratchDatabases().finally(() => process.exit(130));
}

/** Runs (a), (b) and, once implemented, (c); returns the rows in harness format. */
export async function runStoreBench(ours: OursCases | null = oursCases): Promise<BenchRow[]> {
  process.once('SIGINT', onInterrupt);
  try {
    return await measureAll(ours);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

async function measureAll(ours: OursCases | null): Promise<BenchRow[]> {
  // Other work on the machine moves these figures a lot; say how busy it was.
  note(`load average (1 min) ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`);

  note('(a) PostgreSQL, 8 connections…');
  const pg8 = await measurePgUpdateLimit(8, LIMIT_WINDOW);
  note('(a) PostgreSQL, 1 connection…');
  const pg1 = await measurePgUpdateLimit(1, LIMIT_WINDOW);
  note('(a) PGlite in memory (start-up is slow: it runs initdb)…');
  const liteMemory = await measurePgliteUpdateLimit('memory', LIMIT_WINDOW);
  note('(a) PGlite on a temp data dir…');
  const liteDisk = await measurePgliteUpdateLimit('disk', LIMIT_WINDOW);
  note(`(b) graphile-worker, ${PEER.jobs} jobs then ${PEER.latencySamples} latency probes…`);
  const peer = await measureGraphilePeer(PEER);
  // addJob's reply and the worker's NOTIFY race; when the worker wins, the sample is negative.
  const early = peer.fromResolvedMs.filter((ms) => ms < 0).length;
  note(`(b) ${early} of ${peer.fromResolvedMs.length} probes started before addJob resolved (kept, as negative samples)`);
  let oursResult = null;
  if (ours) {
    note('(c) ours…');
    oursResult = await runOurs(ours, OURS_TIMEOUT_MS);
  } else {
    note('(c) ours: not implemented yet (store/ours-cases.ts), not reported');
  }

  const limit = throughputRow('pg UPDATE commits/s (8 conns)', 'commits', pg8.windowStart, pg8.completedAt);
  const throughputs = [
    limit,
    throughputRow('pg UPDATE commits/s (1 conn)', 'commits', pg1.windowStart, pg1.completedAt, limit.case),
    throughputRow('PGlite in-memory UPDATE commits/s (1 conn)', 'commits', liteMemory.windowStart, liteMemory.completedAt, limit.case),
    throughputRow('PGlite temp-dir UPDATE commits/s (1 conn)', 'commits', liteDisk.windowStart, liteDisk.completedAt, limit.case),
    throughputRow(`graphile-worker ${GRAPHILE_VERSION} jobs/s (concurrency ${PEER.concurrency})`, 'jobs', peer.firstStartAt, peer.completedAt, limit.case),
  ];
  const [peerP50, peerP99] = latencyRows('graphile-worker enqueue→start (ms, from addJob resolved)', peer.fromResolvedMs);
  const vsPeer = { p50: peerP50.case, p99: peerP99.case };
  const latencies = [
    peerP50,
    peerP99,
    ...latencyRows('graphile-worker addJob call→start (ms, incl. enqueue commit)', peer.fromCallMs, vsPeer),
    ...latencyRows('pg UPDATE commit latency (ms, 8 conns)', pg8.latenciesMs, vsPeer),
    ...latencyRows('pg UPDATE commit latency (ms, 1 conn)', pg1.latenciesMs, vsPeer),
    ...latencyRows('PGlite in-memory UPDATE commit latency (ms)', liteMemory.latenciesMs, vsPeer),
    ...latencyRows('PGlite temp-dir UPDATE commit latency (ms)', liteDisk.latenciesMs, vsPeer),
  ];
  const oursRows = oursResult ? oursTargetRows(oursResult, throughputs[4]!, peer, vsPeer) : [];
  return [...throughputs, ...latencies, ...oursRows];
}

/** Harness entry point (test/bench/run.ts). */
export default async function run(): Promise<BenchRow[]> {
  return runStoreBench();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run()
    .then((rows) => {
      printTable(rows);
      process.stdout.write(`\npeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`store bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
