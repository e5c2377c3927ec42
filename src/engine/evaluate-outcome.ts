import type { AttemptOutcome, BlockState } from '../domain/run';
import type { Block } from '../schema/block';
import { acceptWork, scoreOf } from './accept-work';
import type { EvaluationContext } from './evaluation-context';
import { formatMetric } from './format-number';
import { askOrFail } from './clarification-rules';
import { checkedBlockOf, repairChecked, repairOrFail } from './repair-round';
import type { EngineAction } from './types';

/**
 * A running block whose attempt finished (the runner recorded `outcome`): turn the outcome into
 * the next transition. Without an outcome the attempt is still in flight and nothing happens.
 */
export function evaluateOutcome(ctx: EvaluationContext, block: Block, state: BlockState): EngineAction[] {
  const outcome = state.outcome;
  if (!outcome) return [];
  const checked = checkedBlockOf(ctx, block);
  if (checked) {
    const found = validationFailure(block, outcome);
    if (found) return repairChecked(ctx, block, checked, found);
  }
  switch (outcome.kind) {
    case 'complete':
      return [judgeCompletion(ctx, block, state, outcome)];
    case 'failed':
      if (outcome.check === 'output' && block.repair) return [repairOrFail(block, state, `the output failed its check: ${outcome.error}`)];
      return [retryOrFail(block, state, outcome.error, outcome.retryable)];
    case 'timeout':
      return [retryOrFail(block, state, `timed out: ${outcome.error}`, true)];
    case 'needs_clarification':
      return [askOrFail(block, state, outcome.question)];
    case 'blocked':
      return [fail(block, `the agent is blocked: ${outcome.blockers.join('; ') || 'no reason given'}`)];
  }
}

function judgeCompletion(
  ctx: EvaluationContext,
  block: Block,
  state: BlockState,
  outcome: Extract<AttemptOutcome, { kind: 'complete' }>,
): EngineAction {
  const threshold = block.threshold;
  const score = scoreOf(block, outcome);
  if (threshold && (score === null || score < threshold.min)) {
    const min = formatMetric(threshold.min);
    const metric = threshold.metric;
    const miss = thresholdMiss(block, outcome)!;
    if (block.repair) return repairOrFail(block, state, miss);
    if (canRetry(block, state)) return retry(block, state, miss);
    const attempts = plural(state.attempts, 'attempt');
    return fail(
      block,
      score === null
        ? `metric \`${metric}\` was never reported after ${attempts} (it must be at least ${min})`
        : `${metric} ${formatMetric(score, threshold.min)} stayed below ${min} after ${attempts}`,
    );
  }
  return acceptWork(ctx, block, state, score);
}

/** Why an attempt's score misses its threshold, or null when it passes (or there is none). */
function thresholdMiss(block: Block, outcome: AttemptOutcome): string | null {
  const threshold = block.threshold;
  const score = scoreOf(block, outcome);
  if (!threshold || (score !== null && score >= threshold.min)) return null;
  const min = formatMetric(threshold.min);
  return score === null ? `metric \`${threshold.metric}\` was not reported (it must be at least ${min})` : `${threshold.metric} ${formatMetric(score, threshold.min)} is below the minimum ${min}`;
}

/** What a validation block found: its threshold missed, its attempt failed, or it is blocked; null when it passed or timed out. */
function validationFailure(block: Block, outcome: AttemptOutcome): string | null {
  switch (outcome.kind) {
    case 'complete':
      return thresholdMiss(block, outcome);
    case 'failed':
      return outcome.error;
    case 'blocked':
      return outcome.blockers.join('; ') || 'blocked without a reason';
    default:
      return null;
  }
}

function retryOrFail(block: Block, state: BlockState, error: string, retryable: boolean): EngineAction {
  if (retryable && canRetry(block, state)) return retry(block, state, error);
  const exhausted = retryable && block.retryable && state.attempts > 1;
  return fail(block, exhausted ? `${error} (after ${plural(state.attempts, 'attempt')})` : error);
}

function canRetry(block: Block, state: BlockState): boolean {
  return block.retryable && state.retries < block.max_retries;
}

function retry(block: Block, state: BlockState, why: string): EngineAction {
  const reason = `${why} (retry ${state.retries + 1} of ${block.max_retries})`;
  return { type: 'retry-block', blockId: block.id, attempt: state.attempts + 1, reason };
}

function fail(block: Block, reason: string): EngineAction {
  return { type: 'fail-block', blockId: block.id, reason };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
