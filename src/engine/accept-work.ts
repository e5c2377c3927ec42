import type { AttemptOutcome, BlockState } from '../domain/run';
import type { Block } from '../schema/block';
import { effectiveGate } from './effective-gate';
import type { EvaluationContext } from './evaluation-context';
import type { EngineAction } from './types';

/**
 * The work of an attempt passed its checks: it goes to the block's after-gate when it has one
 * (after the run's autonomy overrides), else the block is done.
 */
export function acceptWork(ctx: EvaluationContext, block: Block, state: BlockState, score: number | null): EngineAction {
  const gate = effectiveGate(block, ctx.autonomy);
  if (gate?.position === 'after') {
    return { type: 'open-gate', blockId: block.id, position: 'after', kind: 'approval', attempt: state.attempts, mode: gate.mode };
  }
  return { type: 'complete-block', blockId: block.id, score };
}

/** The score an attempt reports: its threshold metric, else a metric called "score", else null. */
export function scoreOf(block: Block, outcome: AttemptOutcome | null | undefined): number | null {
  if (outcome?.kind !== 'complete') return null;
  const value = outcome.metrics[block.threshold?.metric ?? 'score'];
  return typeof value === 'number' ? value : null;
}
