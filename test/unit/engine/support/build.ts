import type { BlockState, GateState } from '../../../../src/domain/run';
import type { Autonomy } from '../../../../src/domain/statuses';
import type { RunSnapshot } from '../../../../src/engine/types';
import type { BlockInput } from '../../../../src/schema/block';
import { templateSchema, type Template, type TemplateInput } from '../../../../src/schema/template';

/** A fixed instant: the engine never reads the clock, tests never need a real one. */
export const NOW = new Date('2025-03-01T12:00:00Z');

type BlockSpec = Partial<BlockInput> & { deps?: string[] };

/** A block that reads `out` from each dependency and writes `out`, on the simulate runtime. */
export function block(id: string, spec: BlockSpec = {}): BlockInput {
  const { deps = [], ...rest } = spec;
  return {
    id,
    name: id,
    type: 'build',
    runtime: 'simulate',
    inputs: { depends: deps.map((d) => ({ block: d, key: 'out' })) },
    outputs: { artifacts: [{ key: 'out', format: 'md' }] },
    ...rest,
  };
}

/** A template parsed by the real schema, so defaults are what production sees. */
export function template(blocks: BlockInput[], extra: Partial<TemplateInput> = {}): Template {
  return templateSchema.parse({ id: 'test', name: 'Test', ...extra, blocks });
}

export function state(blockId: string, fields: Partial<BlockState> = {}): BlockState {
  return { blockId, status: 'pending', attempts: 0, retries: 0, reworks: 0, clarifications: 0, outcome: null, ...fields };
}

export function gate(blockId: string, fields: Partial<GateState> = {}): GateState {
  return { id: `g-${blockId}`, blockId, position: 'after', kind: 'approval', status: 'pending', attempt: 1, settled: false, reason: null, ...fields };
}

/** A running snapshot; blocks without a given state are pending. */
export function snapshot(
  tpl: Template,
  states: BlockState[] = [],
  gates: GateState[] = [],
  autonomy: Record<string, Autonomy> = {},
): RunSnapshot {
  const given = new Map(states.map((s) => [s.blockId, s]));
  return {
    template: tpl,
    params: {},
    autonomy,
    status: 'running',
    blocks: tpl.blocks.map((b) => given.get(b.id) ?? state(b.id)),
    gates,
  };
}

/** Deterministic gate ids: gate-1, gate-2, ... */
export function gateIds(prefix = 'gate'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
