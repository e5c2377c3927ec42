import type { Database } from '../store/database';
import type { AdvanceDeps } from './advance-run';
import { recordResult, recordResults, type RecordInput } from './record-result';

interface Waiting {
  input: RecordInput;
  resolve: (outcome: 'recorded' | 'stale') => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of finished attempts, per run. While one run's results are being recorded, the
 * ones that finish meanwhile wait and then go in together, in one transaction (`recordResults`):
 * the completions of one wide run serialize on its run lock anyway, so sharing the lock, the
 * engine step and the inserts is what lets them keep up. A result is acknowledged only after its
 * transaction commits; when a shared transaction fails, each of its results is tried again alone,
 * so one bad result never takes the others down with it.
 */
export class ResultQueue {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly flushing = new Set<string>();

  constructor(
    private readonly database: Database,
    private readonly deps: AdvanceDeps,
    private readonly now: () => Date,
    /** Most results in one transaction. */
    private readonly maxBatch = 50,
  ) {}

  record(input: RecordInput): Promise<'recorded' | 'stale'> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(input.runId);
      if (list) list.push({ input, resolve, reject });
      else this.waiting.set(input.runId, [{ input, resolve, reject }]);
      if (!this.flushing.has(input.runId)) void this.flush(input.runId);
    });
  }

  private async flush(runId: string): Promise<void> {
    this.flushing.add(runId);
    try {
      for (;;) {
        const list = this.waiting.get(runId);
        if (!list || list.length === 0) break;
        const batch = list.splice(0, this.maxBatch);
        if (list.length === 0) this.waiting.delete(runId);
        await this.recordBatch(runId, batch);
      }
    } finally {
      this.flushing.delete(runId);
    }
  }

  private async recordBatch(runId: string, batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const outcomes = await recordResults(this.database, this.deps, runId, batch.map((w) => w.input), this.now());
        batch.forEach((w, i) => w.resolve(outcomes[i]!));
        return;
      } catch {
        // Fall through: each on its own, so the one that fails reports its own error.
      }
    }
    for (const w of batch) {
      try {
        w.resolve(await recordResult(this.database, this.deps, w.input, this.now()));
      } catch (error) {
        w.reject(error);
      }
    }
  }
}
