import type { Autonomy } from '../domain/statuses';
import type { Block } from '../schema/block';
import type { BudgetLedger } from './budget-ledger';
import type { RunView } from './run-view';
import type { TemplateIndex } from './template-index';
import type { EngineAction } from './types';

/** What every per-block rule reads. Built once per evaluation. */
export interface EvaluationContext {
  readonly index: TemplateIndex;
  readonly view: RunView;
  readonly autonomy: Readonly<Record<string, Autonomy>>;
  /** The run's spending so far, built on first use; null when no budget applies to the run. */
  readonly budget: () => BudgetLedger | null;
}

/**
 * The action that puts an attempt in motion. A manual block is done by a person, so instead of
 * a runner claiming it, it waits on a task gate (always mode "gate": only a person can do it).
 */
export function beginAttempt(
  block: Block,
  attempt: number,
  cause: 'initial' | 'gate-approved' | 'clarified',
  feedback?: string,
): EngineAction {
  if (block.runtime === 'manual') {
    return feedback === undefined
      ? { type: 'open-gate', blockId: block.id, position: 'after', kind: 'task', attempt, mode: 'gate' }
      : { type: 'open-gate', blockId: block.id, position: 'after', kind: 'task', attempt, mode: 'gate', question: feedback };
  }
  return feedback === undefined
    ? { type: 'start-block', blockId: block.id, attempt, cause }
    : { type: 'start-block', blockId: block.id, attempt, cause, feedback };
}
