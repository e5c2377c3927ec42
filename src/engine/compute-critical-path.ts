import type { Block } from '../schema/block';
import type { Template } from '../schema/template';
import { computeLayers } from './compute-layers';
import { indexTemplate } from './template-index';

export interface CriticalPath {
  /** Block ids from the first block to the last on the longest chain. */
  path: string[];
  totalMs: number;
}

/** A block's expected duration: its simulated duration, else its timeout, else 1 ms. */
export function defaultDurationOf(block: Block): number {
  return block.simulate?.duration ?? block.timeout ?? 1;
}

/**
 * The chain of dependent blocks with the largest total duration: the least time a run can take
 * with unlimited parallelism and instant human decisions. Ties go to the earlier block in template
 * order. O(V+E).
 */
export function computeCriticalPath(template: Template, durationOf: (block: Block) => number = defaultDurationOf): CriticalPath {
  const index = indexTemplate(template);
  const finish = new Map<string, number>();
  const via = new Map<string, string | null>();
  let end: string | null = null;
  for (const layer of computeLayers(template)) {
    for (const id of layer) {
      let start = 0;
      let from: string | null = null;
      for (const dep of index.depsOf.get(id)!) {
        const f = finish.get(dep);
        if (f !== undefined && (f > start || from === null)) {
          start = f;
          from = dep;
        }
      }
      const total = start + durationOf(index.byId.get(id)!);
      finish.set(id, total);
      via.set(id, from);
      if (end === null || total > finish.get(end)! || (total === finish.get(end)! && index.orderOf.get(id)! < index.orderOf.get(end)!)) end = id;
    }
  }
  const path: string[] = [];
  for (let at = end; at !== null; at = via.get(at) ?? null) path.unshift(at);
  return { path, totalMs: end === null ? 0 : finish.get(end)! };
}
