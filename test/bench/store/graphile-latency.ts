import type { AddJobFunction, Task, WorkerEvents } from 'graphile-worker';
import { withTimeout } from './with-timeout';

/** The task whose start is being timed, plus a way to wait for a given probe to start. */
export interface StartProbe {
  /** Register under the task list; its payload is `{ seq }`. */
  task: Task;
  /** Resolves with performance.now() at the moment the task function for `seq` began. */
  started(seq: number): Promise<number>;
}

/** A probe task that only records when it was entered. */
export function makeStartProbe(): StartProbe {
  const waiting = new Map<number, (at: number) => void>();
  const early = new Map<number, number>();
  return {
    task: async (payload) => {
      const at = performance.now();
      const seq = (payload as { seq: number }).seq;
      const resolve = waiting.get(seq);
      // The worker may beat addJob's reply back to us; keep the time until someone asks.
      if (resolve) resolve(at);
      else early.set(seq, at);
    },
    started(seq) {
      const at = early.get(seq);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve) => waiting.set(seq, resolve));
    },
  };
}

/** Enqueue→start samples, in milliseconds, measured two ways. */
export interface StartLatencySamples {
  /** From `addJob` resolving (the job is committed) to the task function starting. */
  fromResolvedMs: number[];
  /** From calling `addJob` to the task function starting (includes the enqueue commit). */
  fromCallMs: number[];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function completionOf(events: WorkerEvents, identifier: string, seq: number): Promise<void> {
  return new Promise((resolve) => {
    const onComplete = ({ job }: { job: { task_identifier: string; payload: unknown } }) => {
      if (job.task_identifier !== identifier || (job.payload as { seq?: number }).seq !== seq) return;
      events.off('job:complete', onComplete);
      resolve();
    };
    events.on('job:complete', onComplete);
  });
}

/**
 * One job at a time into an IDLE, listening worker pool: enqueue, wait for the task to start and
 * the job to complete, pause so every worker is back waiting on LISTEN, repeat. The first
 * `warmup` samples are dropped (first-use prepared statements, JIT).
 */
export async function sampleStartLatency(
  addJob: AddJobFunction,
  events: WorkerEvents,
  probe: StartProbe,
  opts: { identifier: string; samples: number; warmup: number; idleGapMs: number; perSampleTimeoutMs: number },
): Promise<StartLatencySamples> {
  const out: StartLatencySamples = { fromResolvedMs: [], fromCallMs: [] };
  for (let seq = 0; seq < opts.warmup + opts.samples; seq++) {
    const completed = completionOf(events, opts.identifier, seq);
    const startedAt = probe.started(seq);
    const calledAt = performance.now();
    await addJob(opts.identifier, { seq });
    const resolvedAt = performance.now();
    const taskAt = await withTimeout(startedAt, opts.perSampleTimeoutMs, `probe ${seq} to start`);
    await withTimeout(completed, opts.perSampleTimeoutMs, `probe ${seq} to complete`);
    if (seq >= opts.warmup) {
      out.fromResolvedMs.push(taskAt - resolvedAt);
      out.fromCallMs.push(taskAt - calledAt);
    }
    await sleep(opts.idleGapMs);
  }
  return out;
}
