/**
 * The work the adapter is still doing after an ack (a command being run, a reply being sent), so
 * stop() can let it finish before the database closes underneath it.
 */
export class InFlight {
  private readonly running = new Set<Promise<void>>();

  /** Runs `work` and tracks it until it settles. `work` must handle its own errors. */
  track(work: () => Promise<void>): Promise<void> {
    const promise = work().finally(() => this.running.delete(promise));
    this.running.add(promise);
    return promise;
  }

  /** Waits for the tracked work, at most `timeoutMs`; returns how many were still running then. */
  async drain(timeoutMs: number): Promise<number> {
    if (this.running.size === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([Promise.allSettled([...this.running]).then(() => 'done' as const), timeout]);
    clearTimeout(timer);
    return outcome === 'timeout' ? this.running.size : 0;
  }
}
