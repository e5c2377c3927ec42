import type { BlockRun, GateRecord, RunRecord } from '../domain/records';
import type { RunSnapshot } from '../engine/types';
import { listBlockRuns } from './blocks.store';
import type { Queryable } from './db-schema';
import { listGatesForRun } from './gates.store';
import { getRun, getRunForUpdate } from './runs.store';

export interface RunState {
  run: RunRecord;
  blocks: BlockRun[];
  gates: GateRecord[];
  /** What the engine reads: the run's template snapshot, params, autonomy, blocks and gates. */
  snapshot: RunSnapshot;
}

/**
 * Loads everything the engine needs about one run. With `lock`, the run row is locked first
 * (SELECT ... FOR UPDATE) so the snapshot stays current until the caller's transaction ends.
 */
export async function loadRunState(db: Queryable, runId: string, opts: { lock?: boolean } = {}): Promise<RunState | undefined> {
  const run = opts.lock ? await getRunForUpdate(db, runId) : await getRun(db, runId);
  if (!run) return undefined;
  const blocks = await listBlockRuns(db, runId);
  const gates = await listGatesForRun(db, runId);
  return {
    run,
    blocks,
    gates,
    snapshot: { template: run.template, params: run.params, autonomy: run.autonomy, status: run.status, blocks, gates },
  };
}
