import { declaredRunLimit } from './budget-ledger';
import type { TemplateIndex } from './template-index';
import type { RunSnapshot } from './types';

/** What an incremental evaluation after a change touches (see `nextActionsFor`). */
export interface Neighbourhood {
  /** The changed blocks and their direct dependents: the blocks whose rules are evaluated, in template order. */
  readonly evaluated: readonly string[];
  /** The evaluated blocks and their dependencies: every block whose state those rules read, in template order. */
  readonly read: readonly string[];
}

/**
 * The blocks a state change of `changed` can affect, and the blocks their rules read. A block's
 * rules read only its own state, its gates and its dependencies' statuses, so a caller that loads
 * `read` (and the gates of `evaluated`) has everything `nextActionsFor` needs. Unknown ids are
 * ignored. O(changed blocks, their dependents and those dependents' dependencies).
 */
export function neighbourhoodOf(index: TemplateIndex, changed: Iterable<string>): Neighbourhood {
  const evaluated = new Set<number>();
  for (const id of changed) {
    const position = index.orderOf.get(id);
    if (position === undefined) continue;
    evaluated.add(position);
    for (const dependent of index.dependentsOf.get(id)!) evaluated.add(index.orderOf.get(dependent)!);
  }
  const read = new Set<number>(evaluated);
  for (const position of evaluated) for (const dep of index.depPositions[position]!) read.add(dep);
  const ids = (positions: Set<number>) => [...positions].sort((a, b) => a - b).map((p) => index.ids[p]!);
  return { evaluated: ids(evaluated), read: ids(read) };
}

/**
 * Whether every evaluation of this run must see the whole run: a budget (the run's, from the
 * template or its parameters, or any block's) is checked against what all blocks spent and have
 * in flight, so a neighbourhood is not enough.
 */
export function readsWholeRun(snapshot: Pick<RunSnapshot, 'template' | 'params'>, index: TemplateIndex): boolean {
  return declaredRunLimit(snapshot) !== null || index.blocks.some((b) => b.budget);
}
