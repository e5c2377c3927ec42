import type { GateRecord, RunRecord } from '../domain/records';
import { neighbourhoodOf, readsWholeRun } from '../engine/neighbourhood';
import { nextActions, nextActionsFor } from '../engine/next-actions';
import { indexTemplate } from '../engine/template-index';
import type { EngineAction } from '../engine/types';
import { hasBlockInPlay, listBlockRunsOf } from '../store/blocks.store';
import type { Queryable } from '../store/db-schema';
import { listGatesOfBlocks } from '../store/gates.store';
import { loadRun, snapshotOf } from './load-run';

export interface EngineStep {
  actions: EngineAction[];
  /** The gates the step read (every settle-gate names one of them). */
  gates: GateRecord[];
}

/**
 * One engine step of a locked run. With the blocks changed since the run was last at rest, only
 * their neighbourhood is loaded and evaluated (`nextActionsFor`, partial): O(the change), not
 * O(the run). The whole run is loaded and evaluated (`nextActions`) when the change is unknown
 * (null), when the neighbourhood is most of the run anyway, and for the run-level verdict, which
 * only matters once no block of the run is in play (one indexed query tells), and for a run
 * with a budget, whose rules read every block's spending.
 */
export async function engineStep(db: Queryable, run: RunRecord, changed: ReadonlySet<string> | null, now: Date): Promise<EngineStep> {
  const index = indexTemplate(run.template);
  if (changed && !readsWholeRun(run, index)) {
    const hood = neighbourhoodOf(index, changed);
    if (hood.read.length * 2 <= index.ids.length) {
      const blocks = await listBlockRunsOf(db, run.id, hood.read);
      const gates = await listGatesOfBlocks(db, run.id, hood.evaluated);
      const actions = nextActionsFor(snapshotOf({ run, blocks, gates }), changed, now, { partial: true });
      if (actions.length > 0 || (await hasBlockInPlay(db, run.id))) return { actions, gates };
    }
  }
  const loaded = await loadRun(db, run);
  return { actions: nextActions(snapshotOf(loaded), now), gates: loaded.gates };
}

/** The blocks an applied action changed (a settled gate changes its block's view). */
export function changedBy(actions: readonly EngineAction[], gates: readonly GateRecord[]): Set<string> {
  const changed = new Set<string>();
  for (const action of actions) {
    if ('blockId' in action) changed.add(action.blockId);
    else if (action.type === 'settle-gate') {
      const gate = gates.find((g) => g.id === action.gateId);
      if (gate) changed.add(gate.blockId);
    }
  }
  return changed;
}
