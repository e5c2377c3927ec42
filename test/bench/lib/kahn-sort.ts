import type { Template } from '../../../src/schema/template';

/**
 * A plain Kahn topological sort over a template's dependency lists, built from scratch each call:
 * the floor any O(V+E) pass over the same graph cannot beat by much, so the engine's cost is
 * reported as a ratio to it.
 */
export function kahnSort(template: Template): string[] {
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const block of template.blocks) {
    indegree.set(block.id, block.inputs.depends.length);
    for (const dep of block.inputs.depends) {
      const list = dependents.get(dep.block);
      if (list) list.push(block.id);
      else dependents.set(dep.block, [block.id]);
    }
  }
  const queue = template.blocks.filter((b) => b.inputs.depends.length === 0).map((b) => b.id);
  for (let head = 0; head < queue.length; head++) {
    for (const next of dependents.get(queue[head]!) ?? []) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  return queue;
}
