import type { BlockState, GateState } from '../domain/run';
import type { GatePosition } from '../domain/statuses';
import type { TemplateIndex } from './template-index';
import type { RunSnapshot } from './types';

/** Lookups over one snapshot that do not depend on the order of its lists. */
export interface RunView {
  stateOf(blockId: string): BlockState;
  /** The state of the block at a template position. */
  stateAt(position: number): BlockState;
  /** The current gate of a block at a position: the latest by attempt (see `isLaterGate`). */
  gateOf(blockId: string, position: GatePosition): GateState | undefined;
}

/** A block the runner has not recorded yet is pending with nothing consumed. */
export function initialBlockState(blockId: string): BlockState {
  return { blockId, status: 'pending', attempts: 0, retries: 0, reworks: 0, clarifications: 0, outcome: null };
}

/**
 * Indexes a snapshot's block states and gates. When `onlyGatesOf` is given, gates of other blocks
 * are not indexed (the incremental evaluation needs only the affected blocks' gates).
 *
 * Block states are looked up by template position first: a runner that lists states in template
 * order (the natural order of its rows) gets O(1) lookups with no map to build, which is what
 * keeps the incremental evaluation proportional to the change. Any other order falls back to a
 * map, built once on first need, with the same answers. One state per block id is assumed.
 */
export function viewRun(snapshot: RunSnapshot, index: TemplateIndex, onlyGatesOf?: ReadonlySet<string>): RunView {
  const blocks = snapshot.blocks;
  let byId: Map<string, BlockState> | undefined;
  const lookUp = (blockId: string): BlockState => {
    if (!byId) {
      byId = new Map();
      for (const state of blocks) byId.set(state.blockId, state);
    }
    return byId.get(blockId) ?? initialBlockState(blockId);
  };
  const stateAt = (position: number): BlockState => {
    const candidate = blocks[position];
    const id = index.ids[position]!;
    return candidate !== undefined && candidate.blockId === id ? candidate : lookUp(id);
  };
  const stateOf = (blockId: string): BlockState => {
    const position = index.orderOf.get(blockId);
    return position === undefined ? lookUp(blockId) : stateAt(position);
  };
  const before = new Map<string, GateState>();
  const after = new Map<string, GateState>();
  for (const gate of snapshot.gates) {
    if (onlyGatesOf && !onlyGatesOf.has(gate.blockId)) continue;
    const map = gate.position === 'before' ? before : after;
    const current = map.get(gate.blockId);
    if (!current || isLaterGate(gate, current)) map.set(gate.blockId, gate);
  }
  return {
    stateOf,
    stateAt,
    gateOf: (blockId, position) => (position === 'before' ? before : after).get(blockId),
  };
}

/**
 * Orders two gates of the same block and position. A higher attempt wins. Within one attempt an
 * after-position can hold two gates (a manual block's task, then its approval), and at most one
 * of them is unsettled (the engine settles a decision in the same step that opens the next gate),
 * so the unsettled one wins; then the later opening; then the id, so the choice never depends on
 * list order.
 */
export function isLaterGate(a: GateState, b: GateState): boolean {
  if (a.attempt !== b.attempt) return a.attempt > b.attempt;
  if (a.settled !== b.settled) return !a.settled;
  const ta = a.openedAt?.getTime() ?? 0;
  const tb = b.openedAt?.getTime() ?? 0;
  if (ta !== tb) return ta > tb;
  // Store ids are increasing integers as text: a longer id is the later one ("10" after "9").
  if (a.id.length !== b.id.length) return a.id.length > b.id.length;
  return a.id > b.id;
}
