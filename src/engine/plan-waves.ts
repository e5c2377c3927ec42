import type { BlockState, GateState } from '../domain/run';
import type { Autonomy, GateKind, GatePosition } from '../domain/statuses';
import type { Block } from '../schema/block';
import type { Template } from '../schema/template';
import { applyActions } from './apply-action';
import { nextActions } from './next-actions';
import { initialBlockState } from './run-view';
import type { RunSnapshot } from './types';

export interface PersonWait {
  blockId: string;
  position: GatePosition;
  kind: GateKind;
}

export interface PlanStep {
  /** 1-based. */
  step: number;
  /** Blocks that run together in this step, in template order. */
  started: string[];
  /** Gates that wait for a person in this step. */
  waitsForPerson: PersonWait[];
}

/** Any fixed instant: the engine's rules do not read the clock, and a plan must be reproducible. */
const PLAN_EPOCH = new Date(0);

/**
 * Rehearses a run in which every block succeeds and every person approves, using the engine and
 * its reducer, and reports each step: which blocks run together and where the run waits for a
 * person. Autonomy overrides apply as in a real run (a "*": "gate" override gates every block).
 */
export function planWaves(template: Template, autonomy: Readonly<Record<string, Autonomy>> = {}): PlanStep[] {
  let gateSeq = 0;
  const newGateId = (): string => `plan-gate-${++gateSeq}`;
  let snapshot: RunSnapshot = {
    template,
    params: {},
    autonomy,
    status: 'running',
    blocks: template.blocks.map((b) => initialBlockState(b.id)),
    gates: [],
  };
  const byId = new Map(template.blocks.map((b) => [b.id, b] as const));
  const order = new Map(template.blocks.map((b, i) => [b.id, i] as const));
  const steps: PlanStep[] = [];
  // Every block succeeds first time, so it needs at most: before-gate, attempt (or task), after-gate.
  const limit = template.blocks.length * 4 + 4;
  while (steps.length < limit) {
    snapshot = settle(snapshot, newGateId, limit);
    if (snapshot.status !== 'running') break;
    const started = snapshot.blocks.filter((b) => b.status === 'ready').map((b) => b.blockId);
    const waits = snapshot.gates.filter((g) => g.status === 'pending');
    if (started.length === 0 && waits.length === 0) break;
    started.sort((a, b) => order.get(a)! - order.get(b)!);
    const waitsForPerson = waits
      .map((g) => ({ blockId: g.blockId, position: g.position, kind: g.kind }))
      .sort((a, b) => order.get(a.blockId)! - order.get(b.blockId)!);
    steps.push({ step: steps.length + 1, started, waitsForPerson });
    snapshot = {
      ...snapshot,
      blocks: snapshot.blocks.map((s) => (s.status === 'ready' ? succeed(s, byId.get(s.blockId)!) : s)),
      gates: snapshot.gates.map((g): GateState => (g.status === 'pending' ? { ...g, status: 'approved' } : g)),
    };
  }
  return steps;
}

function settle(snapshot: RunSnapshot, newGateId: () => string, maxSteps: number): RunSnapshot {
  let current = snapshot;
  for (let i = 0; i < maxSteps; i++) {
    const actions = nextActions(current, PLAN_EPOCH);
    if (actions.length === 0) break;
    current = applyActions(current, actions, newGateId);
  }
  return current;
}

/** A successful attempt: every declared metric reported, the threshold metric exactly at its minimum. */
function succeed(state: BlockState, block: Block): BlockState {
  const metrics: Record<string, number> = {};
  for (const metric of block.outputs.metrics) metrics[metric.key] = 1;
  if (block.threshold) metrics[block.threshold.metric] = block.threshold.min;
  return { ...state, status: 'running', outcome: { kind: 'complete', metrics } };
}
