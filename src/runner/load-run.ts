import { UserError } from '../domain/errors';
import type { ArtifactRecord, BlockRun, GateRecord, RunRecord } from '../domain/records';
import type { RunView } from '../domain/views';
import type { RunSnapshot } from '../engine/types';
import { getLatestArtifacts } from '../store/artifacts.store';
import { listBlockRuns } from '../store/blocks.store';
import type { Queryable } from '../store/db-schema';
import { listGatesForRun } from '../store/gates.store';
import { listOutboxFailures } from '../store/outbox.store';
import { getRun, listActiveRuns } from '../store/runs.store';
import { toRunView } from './read-models';

export interface LoadedRun {
  run: RunRecord;
  blocks: BlockRun[];
  gates: GateRecord[];
}

/** The run, or a UserError naming the active runs. */
export async function requireRun(db: Queryable, runId: string): Promise<RunRecord> {
  const run = await getRun(db, runId);
  if (run) return run;
  const active = await listActiveRuns(db, { limit: 10 });
  const hint = active.length ? ` Active runs: ${active.map((r) => `#${r.id} ${r.name}`).join(', ')}.` : ' There are no active runs.';
  throw new UserError('unknown_run', `There is no run #${runId}.${hint}`);
}

export async function loadRun(db: Queryable, run: RunRecord): Promise<LoadedRun> {
  const blocks = await listBlockRuns(db, run.id);
  const gates = await listGatesForRun(db, run.id);
  return { run, blocks, gates };
}

export function snapshotOf({ run, blocks, gates }: LoadedRun): RunSnapshot {
  return { template: run.template, params: run.params, autonomy: run.autonomy, status: run.status, blocks, gates };
}

/** Everything a run's status card shows, including messages that could not be delivered. */
export async function loadRunView(db: Queryable, run: RunRecord, publicBaseUrl?: string): Promise<RunView> {
  const loaded = await loadRun(db, run);
  // Only pending gates show artifact previews: load just those blocks' outputs.
  const previewed = [...new Set(loaded.gates.filter((g) => g.status === 'pending').map((g) => g.blockId))];
  const artifacts: ArtifactRecord[] = previewed.length ? await getLatestArtifacts(db, run.id, { blockIds: previewed }) : [];
  const subjects = [`run:${run.id}`, ...loaded.gates.map((g) => `gate:${g.id}`)];
  const problems = await listOutboxFailures(db, { subjects, limit: 100 });
  return toRunView(run, loaded.blocks, loaded.gates, artifacts, { deliveryProblems: problems.length, publicBaseUrl });
}
