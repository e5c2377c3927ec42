import pg from 'pg';
import type { WorkerEvents } from 'graphile-worker';

/**
 * Enqueue `count` jobs of `identifier` in ONE call to graphile-worker's own bulk
 * `add_jobs(job_spec[])`, before any worker runs, so the throughput window holds only processing.
 */
export async function enqueueBulk(connectionString: string, identifier: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ added: string }>(
      `SELECT count(*) AS added FROM graphile_worker.add_jobs(ARRAY(
         SELECT ROW($1::text, '{}'::json, NULL::text, NULL::timestamptz, NULL::int, NULL::text, NULL::int, NULL::text[])::graphile_worker.job_spec
         FROM generate_series(1, $2::int)))`,
      [identifier, count],
    );
    if (Number(rows[0]?.added) !== count) throw new Error(`graphile bench: enqueued ${rows[0]?.added ?? 0} of ${count} jobs`);
  } finally {
    await client.end();
  }
}

/** When the first job of the batch started and when each one finished, in performance.now() ms. */
export interface CompletionWindow {
  firstStartAt: number;
  /** One entry per completed job, ascending; the last is the `count`-th completion. */
  completedAt: number[];
}

/**
 * Resolves once `count` jobs of `identifier` have completed. Listens to `job:complete`, not
 * `job:success`: graphile-worker emits `job:success` BEFORE it deletes the job row, and
 * `job:complete` after, so only the latter marks a durable completion. Rejects on the first
 * job error or after `timeoutMs`, so a broken setup cannot hang the run.
 */
export function awaitCompletions(events: WorkerEvents, identifier: string, count: number, timeoutMs: number): Promise<CompletionWindow> {
  return new Promise((resolve, reject) => {
    let firstStartAt: number | undefined;
    const completedAt: number[] = [];
    const onStart = ({ job }: { job: { task_identifier: string } }) => {
      if (job.task_identifier === identifier) firstStartAt ??= performance.now();
    };
    const onComplete = ({ job, error }: { job: { task_identifier: string }; error: unknown }) => {
      if (job.task_identifier !== identifier) return;
      if (error) return finish(new Error(`graphile bench: a ${identifier} job failed: ${String(error)}`));
      completedAt.push(performance.now());
      if (completedAt.length === count) finish();
    };
    const timer = setTimeout(() => finish(new Error(`graphile bench: ${completedAt.length}/${count} jobs done after ${timeoutMs} ms`)), timeoutMs);
    timer.unref(); // if the caller failed before awaiting us, don't hold the process open
    function finish(err?: Error): void {
      clearTimeout(timer);
      events.off('job:start', onStart);
      events.off('job:complete', onComplete);
      if (err || firstStartAt === undefined) reject(err ?? new Error('graphile bench: no job ever started'));
      else resolve({ firstStartAt, completedAt });
    }
    events.on('job:start', onStart);
    events.on('job:complete', onComplete);
  });
}
