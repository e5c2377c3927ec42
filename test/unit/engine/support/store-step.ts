import type { GateState } from '../../../../src/domain/run';
import { neighbourhoodOf, readsWholeRun } from '../../../../src/engine/neighbourhood';
import { nextActions, nextActionsFor } from '../../../../src/engine/next-actions';
import { indexTemplate } from '../../../../src/engine/template-index';
import type { EngineAction, RunSnapshot } from '../../../../src/engine/types';
import { NOW } from './build';

const IN_PLAY = new Set(['pending', 'ready', 'running', 'waiting']);

/**
 * One engine step the way the store takes it (src/runner/engine-step.ts), on an in-memory
 * snapshot: only the neighbourhood of the changed blocks is "loaded" (their `read` blocks and the
 * gates of the `evaluated` ones) and evaluated with `nextActionsFor(..., { partial: true })`; the
 * whole run is evaluated when the change is unknown (null), for a run with a budget, or when
 * nothing came out and no block of the run is in play (the run-level verdict). The store's shortcut to a full evaluation for a
 * neighbourhood that is most of the run is not taken here, so the partial path is always tested.
 */
export function storeStep(snap: RunSnapshot, changed: ReadonlySet<string> | null): EngineAction[] {
  const index = indexTemplate(snap.template);
  if (!changed || readsWholeRun(snap, index)) return nextActions(snap, NOW);
  const hood = neighbourhoodOf(index, changed);
  const read = new Set(hood.read);
  const evaluated = new Set(hood.evaluated);
  const partial: RunSnapshot = { ...snap, blocks: snap.blocks.filter((b) => read.has(b.blockId)), gates: snap.gates.filter((g) => evaluated.has(g.blockId)) };
  const actions = nextActionsFor(partial, changed, NOW, { partial: true });
  if (actions.length > 0 || snap.blocks.some((b) => IN_PLAY.has(b.status))) return actions;
  return nextActions(snap, NOW);
}

/** The blocks a step's actions changed, as the store derives them (src/runner/engine-step.ts `changedBy`). */
export function changedByStep(actions: readonly EngineAction[], gates: readonly GateState[]): Set<string> {
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
