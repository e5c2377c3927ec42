import fc from 'fast-check';
import type { Autonomy } from '../../../../src/domain/statuses';
import type { BlockInput } from '../../../../src/schema/block';
import type { Template } from '../../../../src/schema/template';
import { template } from './build';

/**
 * Random layered DAG templates: blocks in layer n depend on 1-3 blocks of earlier layers, with
 * random gates, runtimes, thresholds and retry/rework limits. Acyclic by construction.
 */
export const layeredTemplate: fc.Arbitrary<Template> = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 })
  .chain((widths) => {
    const ids = widths.map((w, layer) => Array.from({ length: w }, (_, i) => `b${layer}-${i}`));
    const blockArbs = ids.flatMap((layerIds, layer) => {
      const earlier = ids.slice(0, layer).flat();
      return layerIds.map((id) => blockArbitrary(id, earlier));
    });
    return fc.tuple(...blockArbs);
  })
  .map((blocks) => template(blocks));

function blockArbitrary(id: string, earlier: string[]): fc.Arbitrary<BlockInput> {
  const deps = earlier.length === 0 ? fc.constant<string[]>([]) : fc.uniqueArray(fc.constantFrom(...earlier), { minLength: 1, maxLength: Math.min(3, earlier.length) });
  return fc.record({
    deps,
    gate: fc.constantFrom('none', 'none', 'before', 'after') as fc.Arbitrary<'none' | 'before' | 'after'>,
    manual: fc.nat(4).map((n) => n === 0),
    threshold: fc.option(fc.constantFrom(0.5, 0.85), { nil: null }),
    retryable: fc.boolean(),
    maxRetries: fc.integer({ min: 0, max: 2 }),
    maxReworks: fc.integer({ min: 0, max: 2 }),
  }).map(({ deps: d, gate, manual, threshold, retryable, maxRetries, maxReworks }) => ({
    id,
    name: id,
    type: 'build' as const,
    runtime: manual ? ('manual' as const) : ('simulate' as const),
    inputs: { depends: d.map((block) => ({ block, key: 'out' })) },
    outputs: { artifacts: [{ key: 'out', format: 'md' as const }], metrics: [{ key: 'score', type: 'score' as const }] },
    human_gate: gate,
    threshold: threshold === null ? null : { metric: 'score', min: threshold },
    retryable,
    max_retries: maxRetries,
    max_reworks: maxReworks,
  }));
}

const autonomyLevel = fc.constantFrom<Autonomy>('gate', 'guided', 'auto');

/** Per-run overrides: maybe "*", maybe a few block ids. */
export function autonomyFor(tpl: Template): fc.Arbitrary<Record<string, Autonomy>> {
  const ids = ['*', ...tpl.blocks.map((b) => b.id)];
  return fc.dictionary(fc.constantFrom(...ids), autonomyLevel, { maxKeys: 3 });
}
