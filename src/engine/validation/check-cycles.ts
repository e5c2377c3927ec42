import type { ReportIssue } from './issues';
import { arrayAt, isObject, type RawBlock } from './raw-template';
import { firstBlockById } from './check-dependencies';

interface Edge {
  to: string;
  /** Index of the dependency in the source block's inputs.depends, for the issue's path. */
  depIndex: number;
}

/**
 * Reports every cycle of dependencies (one per strongly connected component), printing the cycle
 * as `a -> b -> c -> a`. Direction follows the data: `a -> b` means b reads from a. Self-dependencies
 * are reported by `checkDependencies`. Iterative, so a 100k-block chain cannot overflow the stack.
 */
export function checkCycles(blocks: readonly RawBlock[], report: ReportIssue): void {
  const byId = firstBlockById(blocks);
  // Edges from a dependency to its dependent, so a printed cycle reads in the order work flows.
  const edges = new Map<string, Edge[]>();
  for (const id of byId.keys()) edges.set(id, []);
  for (const block of byId.values()) {
    arrayAt(block.value, ['inputs', 'depends']).forEach((dep, depIndex) => {
      if (!isObject(dep) || typeof dep.block !== 'string' || dep.block === block.id || !byId.has(dep.block)) return;
      edges.get(dep.block)!.push({ to: block.id!, depIndex });
    });
  }
  for (const component of stronglyConnected([...byId.keys()], edges)) {
    if (component.length < 2) continue;
    const cycle = shortestCycleThrough(component[0]!, new Set(component), edges);
    const [from, to] = [cycle[cycle.length - 2]!, cycle[cycle.length - 1]!];
    const closing = edges.get(from)!.find((e) => e.to === to)!;
    const target = byId.get(to)!;
    report(
      ['blocks', target.index, 'inputs', 'depends', closing.depIndex, 'block'],
      `Blocks form a cycle: ${cycle.join(' -> ')}; a block cannot wait, directly or through others, on its own output, so remove one of these dependencies.`,
    );
  }
}

/** Tarjan's algorithm, iterative. Components come out with their first-listed node first. */
function stronglyConnected(nodes: readonly string[], edges: ReadonlyMap<string, Edge[]>): string[][] {
  const order = new Map(nodes.map((n, i) => [n, i] as const));
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (indexOf.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    indexOf.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = edges.get(frame.node)!;
      if (frame.next < out.length) {
        const to = out[frame.next++]!.to;
        if (!indexOf.has(to)) {
          indexOf.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, indexOf.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === indexOf.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
      }
    }
  }
  return components.sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}

/** Breadth-first from `start` inside its component back to `start`: `[start, ..., start]`. */
function shortestCycleThrough(start: string, component: ReadonlySet<string>, edges: ReadonlyMap<string, Edge[]>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const { to } of edges.get(node)!) {
      if (!component.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}
