import type { BlockState } from '../domain/run';
import type { Block } from '../schema/block';
import { DEFAULT_REPAIR_ROUNDS } from './limits';
import type { EngineAction } from './types';

/** The repair bound of a block with `repair` (its `max_rounds`, else the design default of 8). */
export function maxRepairRounds(block: Block): number {
  return block.repair?.max_rounds ?? DEFAULT_REPAIR_ROUNDS;
}

/**
 * A check failed (a threshold miss, or an output that broke its schema): a block with `repair`
 * runs again with the failure as its repair hint, at most `max_rounds` times, then fails. Repair
 * rounds are counted apart from `max_retries`, which stays the bound for transient failures.
 */
export function repairOrFail(block: Block, state: BlockState, failure: string): EngineAction {
  const max = maxRepairRounds(block);
  const done = state.repairs ?? 0;
  if (done >= max) {
    return { type: 'fail-block', blockId: block.id, reason: `${failure} (still failing after ${max} repair round${max === 1 ? '' : 's'})` };
  }
  const round = done + 1;
  return {
    type: 'retry-block',
    blockId: block.id,
    attempt: state.attempts + 1,
    reason: `${failure} (repair ${round} of ${max})`,
    repair: { round, maxRounds: max, feedback: failure },
  };
}
