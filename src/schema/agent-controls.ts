import { z } from 'zod';
import { durationSchema } from './duration';

/**
 * What one run, or one block across its attempts, may spend on model calls. Either limit may be
 * left out; a run that would pass one opens a budget gate (see src/engine/budget-guard.ts).
 */
export const budgetSchema = z.strictObject({
  cost_usd: z.number().positive().optional().meta({ description: 'Most US dollars (estimated from list prices) to spend' }),
  tokens: z.number().int().positive().optional().meta({ description: 'Most input + output tokens to spend' }),
});

/** How an agent's NEEDS_CLARIFICATION is routed and bounded. */
export const clarificationSchema = z.strictObject({
  /** Who is asked: a team from the config's `teams`, a role ("reviewer") or a principal. Default: the run's reviewers. */
  target: z.string().min(1).optional(),
  /** Questions one block may ask in a run (its objective). Default 3. */
  max_requests: z.number().int().min(0).max(20).optional(),
  /** Questions in a row without the block finishing an attempt; the next one goes to the escalation ladder. Default 2. */
  max_hops: z.number().int().min(1).max(20).optional(),
  /** How long the asked team has; then the question escalates along the gate ladder. */
  timeout: durationSchema.optional(),
});

/** Bounded repair: an attempt that fails a check is re-run with the failure as a repair hint. */
export const repairSchema = z.strictObject({
  /** Repair rounds at most (threshold misses and output-schema failures). Default 8. */
  max_rounds: z.number().int().min(1).max(20).optional(),
  /** Model alias for the repair rounds (e.g. a stronger one); default the block's own model. */
  model: z.string().min(1).optional(),
  /** A block that checks this one's output (it depends on it): when its attempt fails, this block is repaired with that failure and the checker runs again. */
  validated_by: z.string().min(1).optional(),
});

/** Run parameters that set one run's budget (over the template's) without the template declaring them. */
export const RUN_BUDGET_PARAMS = { costUsd: 'budget_usd', tokens: 'budget_tokens' } as const;
const BUDGET_PARAM_NAMES: readonly string[] = Object.values(RUN_BUDGET_PARAMS);

export function isBudgetParam(name: string): boolean {
  return BUDGET_PARAM_NAMES.includes(name);
}

export type Budget = z.output<typeof budgetSchema>;
export type Clarification = z.output<typeof clarificationSchema>;
export type Repair = z.output<typeof repairSchema>;
