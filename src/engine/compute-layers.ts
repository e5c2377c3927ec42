import type { Template } from '../schema/template';
import { indexTemplate } from './template-index';

/**
 * Topological waves of a validated template: wave 0 holds the blocks without dependencies, wave
 * n the blocks whose deepest dependency sits in wave n-1 (so each wave could run at once). Blocks
 * keep template order within a wave. Kahn's algorithm, O(V+E). Throws on a cycle, which
 * `validateTemplate` reports properly beforehand.
 */
export function computeLayers(template: Template): string[][] {
  const index = indexTemplate(template);
  const remaining = new Map<string, number>();
  let wave: string[] = [];
  for (const block of index.blocks) {
    const n = index.depsOf.get(block.id)!.filter((d) => index.byId.has(d)).length;
    remaining.set(block.id, n);
    if (n === 0) wave.push(block.id);
  }
  const layers: string[][] = [];
  let placed = 0;
  while (wave.length > 0) {
    layers.push(wave);
    placed += wave.length;
    const next: string[] = [];
    for (const id of wave) {
      for (const dependent of index.dependentsOf.get(id)!) {
        const left = remaining.get(dependent)! - 1;
        remaining.set(dependent, left);
        if (left === 0) next.push(dependent);
      }
    }
    wave = next.sort((a, b) => index.orderOf.get(a)! - index.orderOf.get(b)!);
  }
  if (placed !== index.blocks.length) throw new Error('computeLayers needs an acyclic template; validate it first');
  return layers;
}
