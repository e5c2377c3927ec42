import type { Block } from '../schema/block';
import type { Template } from '../schema/template';

/** Adjacency and order of a template's blocks, computed once per template object. */
export interface TemplateIndex {
  /** Blocks in template order. */
  readonly blocks: readonly Block[];
  /** Position of each block id in the template, for deterministic ordering. */
  readonly orderOf: ReadonlyMap<string, number>;
  readonly byId: ReadonlyMap<string, Block>;
  /** Distinct block ids each block reads from (inputs.depends may name a block several times). */
  readonly depsOf: ReadonlyMap<string, readonly string[]>;
  /** Distinct block ids that read from each block. */
  readonly dependentsOf: ReadonlyMap<string, readonly string[]>;
  /** Number of distinct dependency edges. */
  readonly edgeCount: number;
  /** Block ids by position. */
  readonly ids: readonly string[];
  /** Positions of each block's distinct dependencies, by position: the hot path reads arrays, not maps. */
  readonly depPositions: readonly (readonly number[])[];
}

const cache = new WeakMap<Template, TemplateIndex>();
const NONE: readonly string[] = Object.freeze([]);

/**
 * Returns the index of a (validated) template. Memoized per template object, so a scheduler that
 * evaluates the same run many times pays the O(V+E) build once. Templates must not be mutated
 * after their first evaluation.
 */
export function indexTemplate(template: Template): TemplateIndex {
  const hit = cache.get(template);
  if (hit) return hit;
  const index = buildIndex(template);
  cache.set(template, index);
  return index;
}

function buildIndex(template: Template): TemplateIndex {
  const orderOf = new Map<string, number>();
  const byId = new Map<string, Block>();
  template.blocks.forEach((block, i) => {
    orderOf.set(block.id, i);
    byId.set(block.id, block);
  });
  const depsOf = new Map<string, readonly string[]>();
  const dependents = new Map<string, string[]>();
  let edgeCount = 0;
  for (const block of template.blocks) {
    const deps = distinctDeps(block);
    depsOf.set(block.id, deps);
    edgeCount += deps.length;
    for (const dep of deps) {
      const list = dependents.get(dep);
      if (list) list.push(block.id);
      else dependents.set(dep, [block.id]);
    }
  }
  const dependentsOf = new Map<string, readonly string[]>();
  for (const block of template.blocks) dependentsOf.set(block.id, dependents.get(block.id) ?? NONE);
  const ids = template.blocks.map((b) => b.id);
  // Dependencies on ids that are not in the template are dropped here; validation reports them.
  const depPositions = template.blocks.map((b) => depsOf.get(b.id)!.flatMap((d) => (orderOf.has(d) ? [orderOf.get(d)!] : [])));
  return { blocks: template.blocks, orderOf, byId, depsOf, dependentsOf, edgeCount, ids, depPositions };
}

function distinctDeps(block: Block): readonly string[] {
  const depends = block.inputs.depends;
  if (depends.length === 0) return NONE;
  if (depends.length === 1) return [depends[0]!.block];
  return [...new Set(depends.map((d) => d.block))];
}
