import fc from 'fast-check';
import type { AttemptOutcome, BlockState, GateState } from '../../../../src/domain/run';
import type { RunSnapshot } from '../../../../src/engine/types';

/** fast-check's on-demand generator (fc.gen()), so the world's choices shrink like any input. */
export type Gen = fc.GeneratorValue;

export interface WorldMove {
  snapshot: RunSnapshot;
  /** Blocks whose state or gates the world changed. */
  changed: string[];
}

const OUTCOMES = ['complete-good', 'complete-low', 'failed-retryable', 'failed-final', 'timeout', 'clarify', 'blocked'] as const;

/**
 * What the outside world does when the engine is at rest: runners claim ready blocks, executors
 * answer running ones with a random outcome, people decide pending gates at random. Returns null
 * when there is nothing the world could do.
 */
export function moveWorld(snapshot: RunSnapshot, g: Gen): WorldMove | null {
  const changed = new Set<string>();
  const blocks = snapshot.blocks.map((s): BlockState => {
    if (s.status === 'ready') {
      changed.add(s.blockId);
      return { ...s, status: 'running', outcome: null };
    }
    if (s.status === 'running' && !s.outcome && g(fc.boolean)) {
      changed.add(s.blockId);
      return { ...s, outcome: randomOutcome(g) };
    }
    return s;
  });
  const gates = snapshot.gates.map((gate): GateState => {
    if (gate.status !== 'pending' || !g(fc.boolean)) return gate;
    changed.add(gate.blockId);
    const status = g(() => fc.constantFrom('approved', 'approved', 'rejected', 'expired') as fc.Arbitrary<GateState['status']>);
    return { ...gate, status, reason: g(() => fc.constantFrom('looks good', 'redo the intro', null)) };
  });
  if (changed.size === 0) {
    // Nothing moved by chance: make the first running block answer, or approve the first pending gate.
    const runningIndex = blocks.findIndex((s) => s.status === 'running' && !s.outcome);
    if (runningIndex >= 0) {
      blocks[runningIndex] = { ...blocks[runningIndex]!, outcome: randomOutcome(g) };
      changed.add(blocks[runningIndex]!.blockId);
    } else {
      const gateIndex = gates.findIndex((gate) => gate.status === 'pending');
      if (gateIndex < 0) return null;
      gates[gateIndex] = { ...gates[gateIndex]!, status: 'approved' };
      changed.add(gates[gateIndex]!.blockId);
    }
  }
  return { snapshot: { ...snapshot, blocks, gates }, changed: [...changed] };
}

function randomOutcome(g: Gen): AttemptOutcome {
  switch (g(() => fc.constantFrom(...OUTCOMES))) {
    case 'complete-good':
      return { kind: 'complete', metrics: { score: 0.9 } };
    case 'complete-low':
      return { kind: 'complete', metrics: { score: 0.6 } };
    case 'failed-retryable':
      return { kind: 'failed', error: 'flaky', retryable: true };
    case 'failed-final':
      return { kind: 'failed', error: 'broken', retryable: false };
    case 'timeout':
      return { kind: 'timeout', error: 'too slow' };
    case 'clarify':
      return { kind: 'needs_clarification', question: 'which one?' };
    case 'blocked':
      return { kind: 'blocked', blockers: ['no access'] };
  }
}

/** A copy with both lists in another order (a rotation then a reversal). */
export function reorder(snapshot: RunSnapshot, shift: number): RunSnapshot {
  const rotate = <T>(list: readonly T[]): T[] => {
    if (list.length === 0) return [];
    const k = shift % list.length;
    return [...list.slice(k), ...list.slice(0, k)].reverse();
  };
  return { ...snapshot, blocks: rotate(snapshot.blocks), gates: rotate(snapshot.gates) };
}
