import { buildLedger, type BudgetLedger } from './budget-ledger';
import { guardBudget } from './budget-guard';
import type { EvaluationContext } from './evaluation-context';
import { evaluateOutcome } from './evaluate-outcome';
import { evaluateBlocked, evaluatePending } from './evaluate-pending';
import { evaluateRun } from './evaluate-run';
import { evaluateWaiting } from './evaluate-waiting';
import { viewRun } from './run-view';
import { indexTemplate } from './template-index';
import type { EngineAction, RunSnapshot } from './types';

/**
 * The scheduler: given one run's template and states, the actions that move it on. Stateless and
 * deterministic; the output is in template block order (a block's own actions in the order they
 * must be applied, its settle-gate last) and does not depend on the order of `blocks` or `gates`.
 * The caller applies the actions (see `applyAction` for each one's state effect) in one
 * transaction and asks again until nothing is returned. Run-level actions (complete-run,
 * fail-run) come only in a step where no block has anything to do. O(V + E + G).
 *
 * `now` is part of the contract for time-based rules; none of the current rules reads it
 * (expiry is recorded on the gate by the escalation sweep).
 */
export function nextActions(snapshot: RunSnapshot, _now: Date): EngineAction[] {
  if (snapshot.status !== 'running') return [];
  const ctx = contextOf(snapshot);
  const actions: EngineAction[] = [];
  for (let position = 0; position < ctx.index.ids.length; position++) pushAll(actions, evaluateAt(ctx, position));
  return actions.length > 0 ? actions : evaluateRun(ctx);
}

/**
 * Like `nextActions`, but evaluates only the blocks a state change can affect: the changed blocks
 * and their direct dependents (a block's rules read only its own state, its gates and its
 * dependencies' statuses), plus the run-level check. Agrees with `nextActions` when every other
 * block was already at rest, i.e. the snapshot was at a fixpoint before the change. Costs
 * O(affected blocks and their edges + G) when `blocks` is in template order; see `viewRun`.
 *
 * With `partial`, `blocks` and `gates` may hold only the neighbourhood (`neighbourhoodOf`: the
 * `read` blocks and the gates of the `evaluated` ones); the run-level verdict is then left to the
 * caller, who asks `nextActions` on the whole run when no block of it is still in play. Not for
 * a run whose rules read every block (`readsWholeRun`: budgets).
 */
export function nextActionsFor(snapshot: RunSnapshot, changedBlockIds: Iterable<string>, _now: Date, opts: { partial?: boolean } = {}): EngineAction[] {
  if (snapshot.status !== 'running') return [];
  const index = indexTemplate(snapshot.template);
  const affected = new Set<string>();
  for (const id of changedBlockIds) {
    if (!index.byId.has(id)) continue;
    affected.add(id);
    for (const dependent of index.dependentsOf.get(id)!) affected.add(dependent);
  }
  const ctx = contextOf(snapshot, affected);
  const positions = [...affected].map((id) => index.orderOf.get(id)!).sort((a, b) => a - b);
  const actions: EngineAction[] = [];
  for (const position of positions) pushAll(actions, evaluateAt(ctx, position));
  if (actions.length > 0 || opts.partial) return actions;
  // An affected block still in play means the run cannot be over: skip the O(V) run-level pass.
  if (positions.some((p) => isInPlay(ctx.view.stateAt(p).status))) return [];
  return evaluateRun(ctx);
}

function contextOf(snapshot: RunSnapshot, onlyGatesOf?: ReadonlySet<string>): EvaluationContext {
  const index = indexTemplate(snapshot.template);
  const view = viewRun(snapshot, index, onlyGatesOf);
  let ledger: BudgetLedger | null | undefined;
  const budget = () => (ledger === undefined ? (ledger = buildLedger(snapshot, index, view)) : ledger);
  return { index, view, autonomy: snapshot.autonomy, budget };
}

function isInPlay(status: string): boolean {
  return status === 'pending' || status === 'ready' || status === 'running' || status === 'waiting';
}

const NONE: EngineAction[] = [];

function evaluateAt(ctx: EvaluationContext, position: number): EngineAction[] {
  const state = ctx.view.stateAt(position);
  switch (state.status) {
    case 'pending':
      return guardBudget(ctx, ctx.index.blocks[position]!, state, evaluatePending(ctx, ctx.index.blocks[position]!, state, position));
    case 'blocked':
      return evaluateBlocked(ctx, ctx.index.blocks[position]!, position);
    case 'running':
      return state.outcome ? guardBudget(ctx, ctx.index.blocks[position]!, state, evaluateOutcome(ctx, ctx.index.blocks[position]!, state)) : NONE;
    case 'waiting':
      return guardBudget(ctx, ctx.index.blocks[position]!, state, evaluateWaiting(ctx, ctx.index.blocks[position]!, state));
    default:
      // ready: a runner will claim it; done, failed, skipped, cancelled: at rest.
      return NONE;
  }
}

function pushAll(into: EngineAction[], items: readonly EngineAction[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]!);
}
