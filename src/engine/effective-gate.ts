import type { Autonomy, GatePosition } from '../domain/statuses';
import { ownValue } from '../domain/own-value';
import type { Block } from '../schema/block';

/** The gate a block has in one run, after the run's autonomy overrides. */
export interface EffectiveGate {
  position: GatePosition;
  /** gate: wait for a person; guided/auto: recorded as approved by the system (an audit trail). */
  mode: Autonomy;
}

/**
 * Resolves a block's gate for one run. A template gate (before/after) takes its mode from the
 * override for the block, else the "*" override, else "gate". A gateless block gets an after-gate
 * only when its override resolves to "gate" — that is how a first run keeps every block gated;
 * "guided" or "auto" on a gateless block change nothing. Returns null when there is no gate.
 */
export function effectiveGate(block: Pick<Block, 'id' | 'human_gate'>, autonomy: Readonly<Record<string, Autonomy>>): EffectiveGate | null {
  // Own keys only: an override map is plain JSON, and `autonomy.constructor` is not an override.
  const override = ownValue(autonomy, block.id) ?? ownValue(autonomy, '*');
  if (block.human_gate === 'none') return override === 'gate' ? { position: 'after', mode: 'gate' } : null;
  return { position: block.human_gate, mode: override ?? 'gate' };
}
