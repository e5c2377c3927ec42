import { EventEmitter } from 'node:events';
import { run, runMigrations } from 'graphile-worker';
import type { WorkerEvents } from 'graphile-worker';
import { makeStartProbe, sampleStartLatency } from './graphile-latency';
import type { StartLatencySamples } from './graphile-latency';
import { awaitCompletions, enqueueBulk } from './graphile-throughput';
import { quietGraphileLogger } from './quiet-logger';
import { createScratchDatabase } from './scratch-database';

/** How the peer is driven. */
export interface GraphilePeerOptions {
  jobs: number;
  concurrency: number;
  latencySamples: number;
  latencyWarmup: number;
}

/** What the peer achieved. */
export interface GraphilePeerResult extends StartLatencySamples {
  /** performance.now() when the first of the bulk jobs started. */
  firstStartAt: number;
  /** performance.now() of each bulk job's committed completion, ascending. */
  completedAt: number[];
}

const NOOP = 'noop';
const PROBE = 'probe';

/**
 * THE PEER: graphile-worker 0.16 in its own fresh database, through its library API.
 * 1. Throughput: `jobs` no-op jobs are bulk-enqueued first, then the pool starts; timed from the
 *    first `job:start` to the last `job:complete`, so schema migration and pool start-up are out.
 * 2. Latency: the same pool, now idle on LISTEN, gets single jobs one at a time.
 */
export async function measureGraphilePeer(opts: GraphilePeerOptions): Promise<GraphilePeerResult> {
  const scratch = await createScratchDatabase('graphile');
  try {
    const logger = quietGraphileLogger();
    const { connectionString } = scratch;
    await runMigrations({ connectionString, logger });
    await enqueueBulk(connectionString, NOOP, opts.jobs);

    // Our own emitter, subscribed before run(): run() may start jobs before it resolves.
    const events = new EventEmitter() as WorkerEvents;
    const throughput = awaitCompletions(events, NOOP, opts.jobs, 60_000);
    throughput.catch(() => undefined); // awaited below; this only stops a failed run() leaving it unhandled
    const probe = makeStartProbe();
    const runner = await run({
      connectionString,
      concurrency: opts.concurrency,
      // One connection per worker plus the LISTEN connection, so no worker waits on the pool.
      maxPoolSize: opts.concurrency + 2,
      noHandleSignals: true,
      pollInterval: 2_000, // the default; new jobs arrive via LISTEN/NOTIFY, not polling
      logger,
      events,
      taskList: { [NOOP]: async () => {}, [PROBE]: probe.task },
    });
    try {
      const window = await throughput;
      const latency = await sampleStartLatency(runner.addJob, events, probe, {
        identifier: PROBE,
        samples: opts.latencySamples,
        warmup: opts.latencyWarmup,
        idleGapMs: 10,
        perSampleTimeoutMs: 5_000,
      });
      return { ...window, ...latency };
    } finally {
      await runner.stop();
    }
  } finally {
    await scratch.drop();
  }
}
