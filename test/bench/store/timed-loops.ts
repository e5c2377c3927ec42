/** What a set of closed loops achieved inside the measured window. */
export interface TimedLoopResult {
  /** performance.now() at which the measured window opened (the warm-up ended). */
  windowStart: number;
  /** Length of the measured window, in seconds. */
  seconds: number;
  /** Per-operation latency, in ms, of every operation that started inside the window. */
  latenciesMs: number[];
  /** performance.now() at which each of those operations completed, ascending. */
  completedAt: number[];
}

/**
 * Runs each `op` in its own closed loop (one in flight per loop, the next starts when the last
 * resolves) for `warmupMs + durationMs`, keeping only operations that start after the warm-up.
 * Closed loops are the point: the figure is what N sequential clients can commit, not a queue depth.
 */
export async function runTimedLoops(
  ops: ReadonlyArray<() => Promise<unknown>>,
  opts: { warmupMs: number; durationMs: number },
): Promise<TimedLoopResult> {
  const windowStart = performance.now() + opts.warmupMs;
  const stopAt = windowStart + opts.durationMs;
  const latenciesMs: number[] = [];
  const completedAt: number[] = [];
  await Promise.all(
    ops.map(async (op) => {
      for (let started = performance.now(); started < stopAt; started = performance.now()) {
        await op();
        const done = performance.now();
        if (started < windowStart) continue;
        latenciesMs.push(done - started);
        completedAt.push(done);
      }
    }),
  );
  completedAt.sort((a, b) => a - b);
  return { windowStart, seconds: opts.durationMs / 1000, latenciesMs, completedAt };
}
