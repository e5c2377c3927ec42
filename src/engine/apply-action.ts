import type { BlockState, GateState } from '../domain/run';
import { initialBlockState } from './run-view';
import type { EngineAction, RunSnapshot } from './types';

/**
 * Applies one action's state effect to a snapshot and returns the new snapshot (the input is not
 * changed). This is the reference the store's SQL mirrors, one action at a time, in order:
 *
 * - `start-block`: block → `ready`; `attempts` = action.attempt; `outcome` and `error` cleared.
 * - `retry-block`: as start-block, and `retries` + 1; a repair round counts `repairs` + 1 instead
 *   (its hint goes to the next attempt's job). Both reset `clarificationHops`.
 * - `rework-block`: as start-block, and `reworks` + 1 (the feedback goes to the next attempt's job);
 *   `clarificationHops` reset.
 * - `reset-block`: a validation block whose check failed → `pending` (attempts kept), outcome cleared.
 * - `release-block`: a block held by an approved budget gate → `ready` (attempts unchanged).
 * - `open-gate`: block → `waiting`; a new gate row {id, block, position, kind, attempt, settled:
 *   false} with status `pending` when mode is "gate", or `approved` (by the system, unsettled)
 *   when mode is "guided" or "auto", so the next evaluation runs on and the audit shows the gate.
 *   A clarification gate adds 1 to `clarifications` and `clarificationHops`; an approval gate
 *   resets `clarificationHops` (the attempt finished); a task gate is the person's attempt, so
 *   `attempts` becomes action.attempt. `outcome` is kept (an approved after-gate reads its score).
 * - `complete-block`: block → `done`; `score` = action.score; `outcome`, `error` cleared; `clarificationHops` reset.
 * - `fail-block`: block → `failed`; `error` = action.reason; `outcome` cleared.
 * - `skip-block`: block → `skipped`; `outcome` cleared.
 * - `block-block`: block → `blocked`. `unblock-block`: block → `pending`.
 * - `settle-gate`: that gate's `settled` = true.
 * - `complete-run`: run → `completed`. `fail-run`: run → `failed`.
 */
export function applyAction(snapshot: RunSnapshot, action: EngineAction, newGateId: () => string): RunSnapshot {
  return applyActions(snapshot, [action], newGateId);
}

/** Applies actions in order; the same as folding `applyAction`, with one copy of the lists. */
export function applyActions(snapshot: RunSnapshot, actions: readonly EngineAction[], newGateId: () => string): RunSnapshot {
  const blocks = [...snapshot.blocks];
  const gates = [...snapshot.gates];
  let status = snapshot.status;
  const slot = new Map<string, number>();
  blocks.forEach((b, i) => slot.set(b.blockId, i));
  const update = (blockId: string, change: (s: BlockState) => BlockState): void => {
    let i = slot.get(blockId);
    if (i === undefined) {
      i = blocks.push(initialBlockState(blockId)) - 1;
      slot.set(blockId, i);
    }
    blocks[i] = change(blocks[i]!);
  };
  for (const action of actions) {
    switch (action.type) {
      case 'start-block':
        update(action.blockId, (s) => ({ ...s, status: 'ready', attempts: action.attempt, outcome: null, error: null }));
        break;
      case 'retry-block':
        update(action.blockId, (s) => ({
          ...s,
          status: 'ready',
          attempts: action.attempt,
          ...(action.repair ? { repairs: (s.repairs ?? 0) + 1 } : { retries: s.retries + 1 }),
          ...resetHops(s),
          outcome: null,
          error: null,
        }));
        break;
      case 'rework-block':
        update(action.blockId, (s) => ({ ...s, status: 'ready', attempts: action.attempt, reworks: s.reworks + 1, ...resetHops(s), outcome: null, error: null }));
        break;
      case 'reset-block':
        update(action.blockId, (s) => ({ ...s, status: 'pending', outcome: null, error: null }));
        break;
      case 'release-block':
        update(action.blockId, (s) => ({ ...s, status: 'ready' }));
        break;
      case 'open-gate':
        gates.push(newGate(action, newGateId()));
        update(action.blockId, (s) => ({
          ...s,
          status: 'waiting',
          clarifications: s.clarifications + (action.kind === 'clarification' ? 1 : 0),
          ...(action.kind === 'clarification' ? { clarificationHops: (s.clarificationHops ?? 0) + 1 } : action.kind === 'approval' ? resetHops(s) : {}),
          attempts: action.kind === 'task' ? Math.max(s.attempts, action.attempt) : s.attempts,
        }));
        break;
      case 'complete-block':
        update(action.blockId, (s) => ({ ...s, status: 'done', score: action.score ?? null, ...resetHops(s), outcome: null, error: null }));
        break;
      case 'fail-block':
        update(action.blockId, (s) => ({ ...s, status: 'failed', error: action.reason, outcome: null }));
        break;
      case 'skip-block':
        update(action.blockId, (s) => ({ ...s, status: 'skipped', outcome: null }));
        break;
      case 'block-block':
        update(action.blockId, (s) => ({ ...s, status: 'blocked' }));
        break;
      case 'unblock-block':
        update(action.blockId, (s) => ({ ...s, status: 'pending' }));
        break;
      case 'settle-gate': {
        const i = gates.findIndex((g) => g.id === action.gateId);
        if (i >= 0) gates[i] = { ...gates[i]!, settled: true };
        break;
      }
      case 'complete-run':
        status = 'completed';
        break;
      case 'fail-run':
        status = 'failed';
        break;
    }
  }
  return { ...snapshot, status, blocks, gates };
}

/** Clears the clarification hop count (written only when set, so states without hops stay as they were). */
function resetHops(s: BlockState): Partial<BlockState> {
  return s.clarificationHops ? { clarificationHops: 0 } : {};
}

function newGate(action: Extract<EngineAction, { type: 'open-gate' }>, id: string): GateState {
  return {
    id,
    blockId: action.blockId,
    position: action.position,
    kind: action.kind,
    attempt: action.attempt,
    status: action.mode === 'gate' ? 'pending' : 'approved',
    reason: null,
    settled: false,
    ...(action.budgetLimit ? { budgetLimit: action.budgetLimit } : {}),
  };
}
