import type { BlockState } from '../domain/run';
import type { Block } from '../schema/block';
import { DEFAULT_REPAIR_ROUNDS } from './limits';
import type { EvaluationContext } from './evaluation-context';
import type { EngineAction } from './types';

/** The dependency whose `repair.validated_by` names this block, if any (the block it checks). */
export function checkedBlockOf(ctx: EvaluationContext, validator: Block): Block | undefined {
  for (const id of ctx.index.depsOf.get(validator.id) ?? []) {
    const dep = ctx.index.byId.get(id);
    if (dep?.repair?.validated_by === validator.id) return dep;
  }
  return undefined;
}

/**
 * The quality loop across two blocks: the validation block found a problem, so the block it checks
 * runs a repair round with the finding as its hint and the validator waits to check it again; once
 * the checked block has used its repair rounds, the validator fails with the finding.
 */
export function repairChecked(ctx: EvaluationContext, validator: Block, checked: Block, finding: string): EngineAction[] {
  const failure = `${validator.name} found: ${finding}`;
  const repair = repairOrFail(checked, ctx.view.stateOf(checked.id), failure);
  if (repair.type !== 'retry-block') {
    const max = maxRepairRounds(checked);
    return [{ type: 'fail-block', blockId: validator.id, reason: `${finding} (after ${max} repair round${max === 1 ? '' : 's'} of ${checked.name})` }];
  }
  return [repair, { type: 'reset-block', blockId: validator.id, reason: `waits for ${checked.name} to be repaired (${repair.reason})` }];
}

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
