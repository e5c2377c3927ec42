import { applyActions } from '../../../../src/engine/apply-action';
import { nextActions } from '../../../../src/engine/next-actions';
import type { EngineAction, RunSnapshot } from '../../../../src/engine/types';

export interface FixpointResult {
  snapshot: RunSnapshot;
  /** The actions applied, one entry per evaluation step. */
  steps: EngineAction[][];
  /** False when `maxSteps` ran out before the engine had nothing more to do. */
  settled: boolean;
}

/**
 * Evaluates and applies actions until the engine returns none (what advanceRun does in one
 * transaction after each state change, against the store), on a snapshot in memory: the engine
 * tests' driver. Bounded by `maxSteps` so a bug can never loop forever.
 */
export function runToFixpoint(snapshot: RunSnapshot, now: Date, newGateId: () => string, maxSteps = 1000): FixpointResult {
  const steps: EngineAction[][] = [];
  let current = snapshot;
  for (let i = 0; i < maxSteps; i++) {
    const actions = nextActions(current, now);
    if (actions.length === 0) return { snapshot: current, steps, settled: true };
    steps.push(actions);
    current = applyActions(current, actions, newGateId);
  }
  return { snapshot: current, steps, settled: nextActions(current, now).length === 0 };
}
