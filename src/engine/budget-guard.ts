import type { BlockState, BudgetLimit } from '../domain/run';
import type { Block } from '../schema/block';
import { addSpend, estimateAttempt, exceeds, raiseLimit, spendOf, type BudgetLedger, type Limit, type Spend } from './budget-ledger';
import type { EvaluationContext } from './evaluation-context';
import type { EngineAction } from './types';

type AttemptAction = Extract<EngineAction, { type: 'start-block' | 'retry-block' | 'rework-block' }>;

const TERMINAL = new Set(['done', 'failed', 'skipped', 'cancelled']);

/**
 * Holds an attempt that would take the run (or its block) past its budget: the action that makes
 * the block ready is followed, in the same step, by a budget gate that makes it wait, so no runner
 * ever claims it before a person said "go on". Approving the gate raises the ceiling to what the
 * card proposed (see `budgetQuestion`) and releases the attempt; rejecting fails the block. Manual
 * blocks spend nothing and are never held. Budget gates always wait for a person, whatever the
 * autonomy dial says: spending more than agreed is not the machine's call.
 */
export function guardBudget(ctx: EvaluationContext, block: Block, state: BlockState, actions: EngineAction[]): EngineAction[] {
  if (!actions.some(isAttempt)) return actions;
  const ledger = ctx.budget();
  if (!ledger) return actions;
  const out: EngineAction[] = [];
  for (const action of actions) {
    out.push(action);
    if (action.type !== 'start-block' && action.type !== 'retry-block' && action.type !== 'rework-block') continue;
    // A validation block's finding retries the block it checks: that attempt is guarded as its own.
    const target = action.blockId === block.id ? block : ctx.index.byId.get(action.blockId);
    if (!target || target.runtime === 'manual') continue;
    const gate = checkAttempt(ctx, ledger, target, action.blockId === block.id ? state : ctx.view.stateOf(target.id), action);
    if (gate) out.push(gate);
  }
  return out;
}

function isAttempt(action: EngineAction): boolean {
  return action.type === 'start-block' || action.type === 'retry-block' || action.type === 'rework-block';
}

function checkAttempt(ctx: EvaluationContext, ledger: BudgetLedger, block: Block, state: BlockState, action: AttemptAction): EngineAction | null {
  const estimate = estimateAttempt(block, state, ledger);
  const others = sumInFlight(ledger, block.id);
  const projected = addSpend(addSpend(addSpend(ledger.spent, others), ledger.committed), estimate);
  if (ledger.runLimit && exceeds(projected, ledger.runLimit)) {
    const remaining = estimateRemaining(ctx, ledger, block.id);
    const proposed = atLeast(addSpend(addSpend(addSpend(ledger.spent, others), ledger.committed), remaining.total), projected, ledger.runLimit);
    const question = budgetQuestion({ scope: 'run', block, attempt: action.attempt, spent: ledger.spent, limit: ledger.runLimit, estimate, remaining, proposed });
    return budgetGate(block, action.attempt, question, { scope: 'run', ...proposed });
  }
  const own = block.budget ? raiseLimit({ costUsd: block.budget.cost_usd, tokens: block.budget.tokens }, ledger.blockLimits.get(block.id)) : null;
  const ownProjected = addSpend(spendOf(state), estimate);
  if (own && exceeds(ownProjected, own)) {
    const proposed = atLeast(ownProjected, ownProjected, own);
    const question = budgetQuestion({ scope: 'block', block, attempt: action.attempt, spent: spendOf(state), limit: own, estimate, remaining: null, proposed });
    return budgetGate(block, action.attempt, question, { scope: 'block', ...proposed });
  }
  ledger.committed = addSpend(ledger.committed, estimate);
  return null;
}

function budgetGate(block: Block, attempt: number, question: string, budgetLimit: BudgetLimit): EngineAction {
  return { type: 'open-gate', blockId: block.id, position: 'before', kind: 'budget', attempt, mode: 'gate', question, budgetLimit };
}

function sumInFlight(ledger: BudgetLedger, except: string): Spend {
  let total: Spend = { costUsd: 0, tokens: 0 };
  for (const [id, spend] of ledger.inFlight) if (id !== except) total = addSpend(total, spend);
  return total;
}

/** One attempt of every block still to run (this one included), from the same estimates. */
function estimateRemaining(ctx: EvaluationContext, ledger: BudgetLedger, current: string): { blocks: number; total: Spend } {
  let total: Spend = { costUsd: 0, tokens: 0 };
  let blocks = 0;
  for (let i = 0; i < ctx.index.ids.length; i++) {
    const state = ctx.view.stateAt(i);
    const id = ctx.index.ids[i]!;
    if (TERMINAL.has(state.status) || (id !== current && ledger.inFlight.has(id))) continue;
    const block = ctx.index.blocks[i]!;
    if (block.runtime === 'manual') continue;
    total = addSpend(total, estimateAttempt(block, state, ledger));
    blocks++;
  }
  return { blocks, total };
}

/** The ceiling to propose: covers the projection, and only in the units the budget limits. */
function atLeast(proposal: Spend, projected: Spend, limit: Limit): Limit {
  // Up to the next cent, ignoring float noise (0.8 + 1.6 is 2.4000000000000004).
  const round = (n: number, digits: number) => Math.ceil(n * 10 ** digits - 1e-6) / 10 ** digits;
  return {
    ...(limit.costUsd !== undefined ? { costUsd: round(Math.max(proposal.costUsd, projected.costUsd, limit.costUsd), 2) } : {}),
    ...(limit.tokens !== undefined ? { tokens: Math.ceil(Math.max(proposal.tokens, projected.tokens, limit.tokens)) } : {}),
  };
}

interface QuestionFacts {
  scope: 'run' | 'block';
  block: Block;
  attempt: number;
  spent: Spend;
  limit: Limit;
  estimate: Spend;
  remaining: { blocks: number; total: Spend } | null;
  proposed: Limit;
}

/** The sentence on the budget gate's card: cost so far, the estimate for what is next, what approving grants. */
export function budgetQuestion(f: QuestionFacts): string {
  const whose = f.scope === 'run' ? 'This run' : `${f.block.name}`;
  const parts = [
    `${whose} has spent ${amount(f.spent, f.limit)} of its budget of ${limitText(f.limit)}.`,
    `Next: ${f.block.name}${f.attempt > 1 ? ` (attempt ${f.attempt})` : ''}, estimated at ${amount(f.estimate, f.limit)}.`,
  ];
  if (f.remaining && f.remaining.blocks > 1) {
    parts.push(`The ${f.remaining.blocks} blocks still to run are estimated at ${amount(f.remaining.total, f.limit)} in all.`);
  }
  parts.push(`Approve to go on with a budget of ${limitText(f.proposed)}; reject to stop ${f.block.name}.`);
  return parts.join(' ');
}

function amount(spend: Spend, units: Limit): string {
  const shown = [units.costUsd !== undefined || units.tokens === undefined ? usd(spend.costUsd) : null, units.tokens !== undefined ? tokens(spend.tokens) : null];
  return shown.filter(Boolean).join(' and ');
}

function limitText(limit: Limit): string {
  return [limit.costUsd !== undefined ? usd(limit.costUsd) : null, limit.tokens !== undefined ? tokens(limit.tokens) : null].filter(Boolean).join(' and ');
}

export function usd(n: number): string {
  return n >= 0.01 || n === 0 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`;
}

function tokens(n: number): string {
  const r = Math.round(n);
  return r >= 10_000 ? `${Math.round(r / 1000)}k tokens` : `${r} tokens`;
}
