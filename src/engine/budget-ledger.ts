import type { BlockState, BudgetLimit } from '../domain/run';
import { RUN_BUDGET_PARAMS } from '../schema/agent-controls';
import type { Block } from '../schema/block';
import type { RunView } from './run-view';
import type { TemplateIndex } from './template-index';
import type { RunSnapshot } from './types';

/** An amount in both units the budgets count. */
export interface Spend {
  costUsd: number;
  tokens: number;
}

/** A ceiling in either unit (undefined: no limit in that unit). */
export interface Limit {
  costUsd?: number;
  tokens?: number;
}


const ZERO: Spend = { costUsd: 0, tokens: 0 };

/** What the run has spent and what is in flight, built once per evaluation (only when some budget is set). */
export interface BudgetLedger {
  /** The run's ceiling: the template's `budget`, the run's budget parameters over it, raised by approved budget gates. */
  readonly runLimit: Limit | null;
  /** Every attempt's recorded usage so far. */
  readonly spent: Spend;
  /** The average of one metered attempt in this run, or null before any attempt reported usage. */
  readonly average: Spend | null;
  /** Block id -> the estimate of its attempt in flight (ready or running, no result yet). */
  readonly inFlight: ReadonlyMap<string, Spend>;
  /** Estimates of attempts this evaluation already let start (so parallel starts are counted once each). */
  committed: Spend;
  /** Block id -> the ceiling approved budget gates granted it. */
  readonly blockLimits: ReadonlyMap<string, Limit>;
}

export function spendOf(state: BlockState): Spend {
  return { costUsd: state.costUsd ?? 0, tokens: (state.inputTokens ?? 0) + (state.outputTokens ?? 0) };
}

export function addSpend(a: Spend, b: Spend): Spend {
  return { costUsd: a.costUsd + b.costUsd, tokens: a.tokens + b.tokens };
}

/** The larger ceiling in each unit (a missing unit stays missing only when both miss it). */
export function raiseLimit(a: Limit | null | undefined, b: Limit | null | undefined): Limit | null {
  if (!a) return b ? { ...b } : null;
  if (!b) return { ...a };
  const pick = (x?: number, y?: number) => (x === undefined ? y : y === undefined ? x : Math.max(x, y));
  return { costUsd: pick(a.costUsd, b.costUsd), tokens: pick(a.tokens, b.tokens) };
}

/** True when `spend` passes `limit` in any unit it sets. */
export function exceeds(spend: Spend, limit: Limit): boolean {
  return (limit.costUsd !== undefined && spend.costUsd > limit.costUsd + 1e-9) || (limit.tokens !== undefined && spend.tokens > limit.tokens);
}

/**
 * The estimate of a block's next attempt, from past attempts first: its own average, else its
 * declared `budget` (a block's budget is its own estimate of what it costs), else the run's average
 * per attempt, else nothing (then only money already spent can trip the budget).
 */
export function estimateAttempt(block: Block, state: BlockState, ledger: Pick<BudgetLedger, 'average'>): Spend {
  const metered = state.meteredAttempts ?? 0;
  if (metered > 0) {
    const own = spendOf(state);
    return { costUsd: own.costUsd / metered, tokens: own.tokens / metered };
  }
  const average = ledger.average ?? ZERO;
  return { costUsd: block.budget?.cost_usd ?? average.costUsd, tokens: block.budget?.tokens ?? average.tokens };
}

function numberParam(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** The ceiling the template and the run's parameters set, before any approval. */
export function declaredRunLimit(snapshot: Pick<RunSnapshot, 'template' | 'params'>): Limit | null {
  const costUsd = numberParam(snapshot.params[RUN_BUDGET_PARAMS.costUsd]) ?? snapshot.template.budget?.cost_usd;
  const tokens = numberParam(snapshot.params[RUN_BUDGET_PARAMS.tokens]) ?? snapshot.template.budget?.tokens;
  return costUsd === undefined && tokens === undefined ? null : { costUsd, tokens };
}

const blockBudgets = new WeakMap<TemplateIndex, boolean>();

/** Whether any block of the template has a budget, computed once per template (the hot path stays O(change)). */
function hasBlockBudgets(index: TemplateIndex): boolean {
  let known = blockBudgets.get(index);
  if (known === undefined) blockBudgets.set(index, (known = index.blocks.some((b) => b.budget)));
  return known;
}

/**
 * The ledger of a run, or null when neither the run nor any block has a budget (nothing to guard).
 * O(V + G) for a run with a budget, once per evaluation that starts an attempt; free otherwise.
 */
export function buildLedger(snapshot: RunSnapshot, index: TemplateIndex, view: RunView): BudgetLedger | null {
  const declared = declaredRunLimit(snapshot);
  if (!declared && !hasBlockBudgets(index)) return null;
  let runLimit = declared;
  const blockLimits = new Map<string, Limit>();
  for (const gate of snapshot.gates) {
    if (gate.kind !== 'budget' || gate.status !== 'approved' || !gate.budgetLimit) continue;
    const limit: BudgetLimit = gate.budgetLimit;
    if (limit.scope === 'run') runLimit = raiseLimit(runLimit, limit);
    else blockLimits.set(gate.blockId, raiseLimit(blockLimits.get(gate.blockId), limit)!);
  }
  let spent = ZERO;
  let metered = 0;
  for (let i = 0; i < index.ids.length; i++) {
    const state = view.stateAt(i);
    spent = addSpend(spent, spendOf(state));
    metered += state.meteredAttempts ?? 0;
  }
  const average = metered > 0 ? { costUsd: spent.costUsd / metered, tokens: spent.tokens / metered } : null;
  const inFlight = new Map<string, Spend>();
  for (let i = 0; i < index.ids.length; i++) {
    const state = view.stateAt(i);
    if (state.status === 'ready' || (state.status === 'running' && !state.outcome)) inFlight.set(state.blockId, estimateAttempt(index.blocks[i]!, state, { average }));
  }
  return { runLimit, spent, average, inFlight, committed: ZERO, blockLimits };
}
