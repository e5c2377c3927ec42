import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyActions } from '../../../src/engine/apply-action';
import { effectiveGate } from '../../../src/engine/effective-gate';
import { nextActions, nextActionsFor } from '../../../src/engine/next-actions';
import { indexTemplate } from '../../../src/engine/template-index';
import type { EngineAction, RunSnapshot } from '../../../src/engine/types';
import { autonomyFor, layeredTemplate } from './support/arbitraries';
import { NOW, gateIds, snapshot } from './support/build';
import { changedByStep, storeStep } from './support/store-step';
import { moveWorld, reorder, type Gen } from './support/world';

const MAX_ROUNDS = 3_000;
const RUNNER_STARTS = new Set<EngineAction['type']>(['start-block', 'retry-block', 'rework-block']);

const scenario = layeredTemplate.chain((tpl) => fc.record({ tpl: fc.constant(tpl), autonomy: autonomyFor(tpl), shift: fc.nat(50), g: fc.gen() }));

/** The rules every step of the engine must respect, checked against the state it was computed from. */
function checkStep(snap: RunSnapshot, actions: EngineAction[]): void {
  const index = indexTemplate(snap.template);
  const stateOf = (id: string) => snap.blocks.find((b) => b.blockId === id)!;
  const statusOf = (id: string) => stateOf(id).status;
  const started = new Set<string>();
  for (const action of actions) {
    const isTask = action.type === 'open-gate' && action.kind === 'task';
    if (!RUNNER_STARTS.has(action.type) && !isTask) continue;
    const blockId = (action as { blockId: string }).blockId;
    if (RUNNER_STARTS.has(action.type)) {
      // Never two starts of one block in a step, never a start of a block that is ready or whose
      // attempt is still in flight (running without a recorded outcome).
      expect(started.has(blockId)).toBe(false);
      started.add(blockId);
      expect(statusOf(blockId)).not.toBe('ready');
      if (statusOf(blockId) === 'running') expect(stateOf(blockId).outcome).toBeTruthy();
    }
    for (const dep of index.depsOf.get(blockId)!) expect(statusOf(dep)).toBe('done');
    if (effectiveGate(index.byId.get(blockId)!, snap.autonomy)?.position === 'before') {
      expect(snap.gates.some((g) => g.blockId === blockId && g.position === 'before' && g.status === 'approved')).toBe(true);
    }
  }
}

/**
 * Drives one run to its end: engine to rest, world moves, again. Checks the invariants all along,
 * and that every step the store takes incrementally (the neighbourhood of what changed, see
 * storeStep) equals the full evaluation, across the engine's own rounds too. Now and then someone
 * overrides the run's autonomy at rest (the store then evaluates the whole run once).
 */
function drive(tpl: RunSnapshot['template'], autonomy: RunSnapshot['autonomy'], shift: number, g: Gen): RunSnapshot {
  let snap = snapshot(tpl, [], [], autonomy);
  const newGateId = gateIds();
  let changed: Set<string> | null = null;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const actions = nextActions(snap, NOW);
    expect(storeStep(snap, changed)).toEqual(actions);
    if (actions.length > 0) {
      checkStep(snap, actions);
      expect(nextActions(reorder(snap, shift + round), NOW)).toEqual(actions);
      const before = snap.gates;
      snap = applyActions(snap, actions, newGateId);
      changed = changedByStep(actions, before);
      continue;
    }
    if (snap.status !== 'running') return snap;
    if (g(() => fc.nat(9)) === 0) {
      snap = { ...snap, autonomy: g(() => autonomyFor(tpl)) };
      changed = null;
      continue;
    }
    const move = moveWorld(snap, g);
    // At rest while running, there is always a runner, an executor or a person who can act.
    expect(move).not.toBeNull();
    snap = move!.snapshot;
    changed = new Set(move!.changed);
    expect(nextActionsFor(snap, move!.changed, NOW)).toEqual(nextActions(snap, NOW));
  }
  throw new Error(`run did not finish within ${MAX_ROUNDS} rounds`);
}

describe('engine properties on random layered DAGs', () => {
  it('GIVEN random outcomes, decisions and autonomy overrides THEN every run ends, starts respect dependencies and gates, order never matters, and the incremental step equals the full one', () => {
    fc.assert(
      fc.property(scenario, ({ tpl, autonomy, shift, g }) => {
        const end = drive(tpl, autonomy, shift, g);
        expect(['completed', 'failed']).toContain(end.status);
        const index = indexTemplate(tpl);
        for (const s of end.blocks) {
          if (s.status === 'done') for (const dep of index.depsOf.get(s.blockId)!) expect(end.blocks.find((b) => b.blockId === dep)!.status).toBe('done');
          expect(s.retries).toBeLessThanOrEqual(index.byId.get(s.blockId)!.max_retries);
          expect(s.reworks).toBeLessThanOrEqual(index.byId.get(s.blockId)!.max_reworks);
        }
        const allFinished = end.blocks.every((s) => s.status === 'done' || s.status === 'skipped');
        expect(end.status).toBe(allFinished ? 'completed' : 'failed');
      }),
      { numRuns: 200, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
  });

  it('GIVEN a block that succeeds every time THEN with "*": "auto" the run completes without a person', () => {
    fc.assert(
      fc.property(layeredTemplate, (tpl) => {
        let snap = snapshot(tpl, [], [], { '*': 'auto' });
        const newGateId = gateIds();
        for (let round = 0; round < MAX_ROUNDS && snap.status === 'running'; round++) {
          const actions = nextActions(snap, NOW);
          if (actions.length > 0) {
            snap = applyActions(snap, actions, newGateId);
            continue;
          }
          expect(snap.gates.filter((gate) => gate.status === 'pending' && gate.kind !== 'task')).toEqual([]);
          snap = {
            ...snap,
            blocks: snap.blocks.map((s) => (s.status === 'ready' ? { ...s, status: 'running' as const, outcome: { kind: 'complete' as const, metrics: { score: 1 } } } : s)),
            gates: snap.gates.map((gate) => (gate.status === 'pending' ? { ...gate, status: 'approved' as const } : gate)),
          };
        }
        expect(snap.status).toBe('completed');
      }),
      { numRuns: 200, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
  });
});
